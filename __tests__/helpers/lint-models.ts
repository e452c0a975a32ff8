/** Dockerfile models for rule tests, built the way the action builds them. */
import { DockerfileParser } from 'dockerfile-ast';
import { buildStageGraph } from '../../src/dockerfile/graph.js';
import { assembleModel, parseDockerfile } from '../../src/dockerfile/load.js';
import type { DockerfileModel } from '../../src/dockerfile/types.js';

/** The model `stagegate lint` and the action see (parseDockerfile: strict, throws UserError). */
export function model(text: string, file = 'Dockerfile'): DockerfileModel {
  return parseDockerfile(text, file);
}

/**
 * A model without parseDockerfile's up-front errors (duplicate stage names, ENV without a value...):
 * for checking what a rule itself says about inputs the loader would refuse.
 */
export function lenientModel(text: string, file = 'Dockerfile'): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  return assembleModel(file, text, ast, buildStageGraph(ast));
}

/**
 * The strict model when the loader accepts the text, else the bare AST with no stages: what a rule
 * that reads only instructions sees of text the loader refuses (e.g. duplicate stage names).
 */
export function modelOrBareAst(text: string, file = 'Dockerfile'): DockerfileModel {
  try {
    return parseDockerfile(text, file);
  } catch {
    return assembleModel(file, text, DockerfileParser.parse(text), { stages: [], globalArgs: [] });
  }
}
