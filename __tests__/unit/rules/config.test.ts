/** `.stagegate.yml`: what it accepts (ours and hadolint's spellings) and the errors for what it cannot use. */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../src/errors.js';
import { parseLintConfig } from '../../../src/rules/config.js';
import { loadLintSetup } from '../../../src/rules/lint.js';
import { isKnownRuleName } from '../../../src/rules/registry.js';

const parse = (text: string) => parseLintConfig(text, '.stagegate.yml', (n) => isKnownRuleName(n));

function errorOf(text: string): string {
  try {
    parse(text);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('parseLintConfig', () => {
  it('reads ignores, severities (by id or alias), registries and the label schema', () => {
    const config = parse(
      [
        'ignore: [stage-name-casing, JSONArgsRecommended]',
        'severity:',
        '  undefined-var: error',
        '  WorkdirRelativePath: off',
        'trusted-registries: [docker.io, ghcr.io]',
        'label-schema: { maintainer: email }',
        'strict-labels: true',
      ].join('\n'),
    );
    expect(config).toEqual({
      ignored: ['stage-name-casing', 'jsonargsrecommended', 'workdirrelativepath'],
      severity: { 'undefined-var': 'error' },
      settings: {
        trustedRegistries: ['docker.io', 'ghcr.io'],
        labelSchema: { maintainer: 'email' },
        strictLabels: true,
      },
    });
  });

  it("accepts hadolint's spellings, and DL ids we do not implement", () => {
    const config = parse(
      'ignored: [DL3999]\noverride:\n  info: [undefined-var]\ntrustedRegistries: [quay.io]\n',
    );
    expect(config.ignored).toEqual(['dl3999']);
    expect(config.severity).toEqual({ 'undefined-var': 'info' });
    expect(config.settings.trustedRegistries).toEqual(['quay.io']);
  });

  it('treats an empty file as no config', () => {
    expect(parse('').ignored).toEqual([]);
  });

  it.each([
    ['failure-threshold: error', "unknown key 'failure-threshold'. Allowed keys: ignore, severity"],
    ['ignore: stage-name-casing', "'ignore' must be a list"],
    ['ignore: [no-such-rule]', "'ignore' names 'no-such-rule', which is not a rule id or alias"],
    [
      'severity: { undefined-var: loud }',
      "'severity.undefined-var' must be one of error, warning, info, style, off",
    ],
    ['label-schema: { a: number }', "'label-schema.a' must be one of text, url, spdx"],
    ['strict-labels: yes please', "'strict-labels' must be true or false"],
    ['- a list', 'the config must be a mapping'],
    ['ignore: [a', 'not valid YAML'],
  ])('refuses %j, naming the key and what is allowed', (text, message) => {
    expect(errorOf(text)).toContain(message);
    expect(errorOf(text)).toMatch(/^\.stagegate\.yml: /);
  });
});

describe('loadLintSetup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-lint-setup-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine\n');

  it('picks up .stagegate.yml in the working directory, and .dockerignore in the context', () => {
    writeFileSync(join(dir, '.stagegate.yml'), 'ignore: [undefined-var]\n');
    writeFileSync(join(dir, '.dockerignore'), 'node_modules\n');
    const setup = loadLintSetup({ context: '.', file: 'Dockerfile', cwd: dir });
    expect(setup.options.ignored).toEqual(['undefined-var']);
    expect(setup.options.dockerignore).toContain('node_modules');
    expect(setup.dockerignoreFile).toBe(join(dir, '.dockerignore'));
  });

  it('prefers <Dockerfile>.dockerignore next to the Dockerfile, as BuildKit does', () => {
    writeFileSync(join(dir, 'Dockerfile.dockerignore'), 'dist\n');
    const setup = loadLintSetup({ context: '.', file: 'Dockerfile', cwd: dir });
    expect(setup.options.dockerignore).toContain('dist');
    expect(setup.dockerignoreFile).toBe(join(dir, 'Dockerfile.dockerignore'));
  });

  it('fails with the path when the config input names a missing file', () => {
    expect(() => loadLintSetup({ config: 'nope.yml', context: '.', file: 'Dockerfile', cwd: dir })).toThrow(
      /Cannot read the config file .*nope\.yml/,
    );
  });
});
