// STUB: owned by the stage-graph work (issue 3); replace wholesale.
import type { BuildArg } from '../inputs.js';
import type { DockerfileModel } from './types.js';

/** Parses Dockerfile text into the model (AST + stage graph). Throws UserError when unparsable. */
export function parseDockerfile(_text: string, _file: string, _buildArgs: BuildArg[] = []): DockerfileModel {
  throw new Error('parseDockerfile: not implemented');
}

/** Reads and parses a Dockerfile. Throws UserError (with the path) when it does not exist. */
export function loadDockerfile(_path: string, _displayPath: string, _buildArgs: BuildArg[] = []): DockerfileModel {
  throw new Error('loadDockerfile: not implemented');
}
