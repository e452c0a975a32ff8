/**
 * The seed: a well-written multi-stage Dockerfile (pinned bases, `npm ci`, non-root final stage, JSON
 * CMD, a .dockerignore) gets no warning or error from the whole registry, as the action runs it.
 * And the seed's bad twins are caught, so the test cannot pass on a silent engine.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { loadLintSetup, runLint } from '../../../src/rules/lint.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/dockerfiles/good-multistage');
const file = join(dir, 'Dockerfile');

function lintSeed(text: string) {
  const model = parseDockerfile(text, 'Dockerfile');
  const setup = loadLintSetup({ context: dir, file, cwd: dir });
  const index = (name: string) => model.graph.stages.findIndex((s) => s.name === name);
  return runLint(model, {
    ...setup.options,
    target: index('runtime'),
    testStage: index('test'),
    builtStages: model.graph.stages.map((s) => s.index),
  });
}

describe('the well-written multi-stage seed', () => {
  const text = readFileSync(file, 'utf8');

  it('reads its .dockerignore', () => {
    expect(loadLintSetup({ context: dir, file, cwd: dir }).options.dockerignore).toContain('node_modules');
  });

  it('gets no warning or error from any rule', () => {
    const { findings, notices } = lintSeed(text);
    expect(notices).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
  });

  it('is caught once it runs as root with a shell-form CMD', () => {
    const bad = text
      .replace('USER node\n', '')
      .replace('CMD ["node", "dist/server.js"]', 'CMD node dist/server.js');
    const rules = lintSeed(bad).findings.map((f) => f.rule);
    expect(rules).toContain('json-args-recommended');
  });
});
