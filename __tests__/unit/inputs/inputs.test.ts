import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, InputError, parseList, readInputs } from '../../../src/inputs.js';

const from = (values: Record<string, string>) => (name: string) => values[name] ?? INPUT_DEFAULTS[name] ?? '';

function problemsOf(values: Record<string, string>): string[] {
  try {
    readInputs(from(values));
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  return [];
}

describe('readInputs', () => {
  it('applies the defaults action.yml declares', () => {
    const inputs = readInputs(from({}));
    expect(inputs.context).toBe('.');
    expect(inputs.file).toBe('./Dockerfile');
    expect(inputs['test-stage']).toBe('test');
    expect(inputs.compare).toBe(true);
    expect(inputs.comment).toBe(true);
    expect(inputs['fail-on']).toBe('error');
    expect(inputs.stages).toEqual([]);
    expect(inputs.target).toBeUndefined();
  });

  it('defaults file to <context>/Dockerfile', () => {
    expect(readInputs(from({ context: 'app/' })).file).toBe('app/Dockerfile');
    expect(readInputs(from({ context: 'app', file: 'docker/prod.Dockerfile' })).file).toBe(
      'docker/prod.Dockerfile',
    );
  });

  it("turns the test gate off when test-stage is ''", () => {
    expect(
      readInputs((n) => (n === 'test-stage' ? '' : (INPUT_DEFAULTS[n] ?? '')))['test-stage'],
    ).toBeUndefined();
  });

  it('splits stages on commas and lines, build-args and caches on lines only', () => {
    const inputs = readInputs(
      from({
        stages: 'build, lint\ntest',
        'build-args': 'A=1\nB=x,y=z\n\nC=',
        'cache-from': 'type=gha,scope=app\nuser/app:cache',
      }),
    );
    expect(inputs.stages).toEqual(['build', 'lint', 'test']);
    expect(inputs['build-args']).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'x,y=z' },
      { name: 'C', value: '' },
    ]);
    expect(inputs['cache-from']).toEqual(['type=gha,scope=app', 'user/app:cache']);
  });

  it('parses size budgets in SI and IEC units and percentages', () => {
    const inputs = readInputs(from({ 'max-size': '1.5GiB', 'max-size-increase': '5%' }));
    expect(inputs['max-size']).toEqual({ raw: '1.5GiB', bytes: 1610612736 });
    expect(inputs['max-size-increase']).toEqual({ raw: '5%', percent: 5 });
    expect(readInputs(from({ 'max-size-increase': '10MB' }))['max-size-increase']).toEqual({
      raw: '10MB',
      bytes: 10_000_000,
    });
  });

  it('names every bad input and what would be right, all at once', () => {
    const problems = problemsOf({
      'max-size': 'huge',
      'max-size-increase': 'lots',
      'fail-on': 'critical',
      compare: 'maybe',
      'build-args': '--evil=1',
    });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/'max-size' is 'huge'; expected a size such as 200MB/);
    expect(problems.join('\n')).toMatch(/'max-size-increase' is 'lots'.*5%/);
    expect(problems.join('\n')).toMatch(
      /'fail-on' is 'critical'; expected one of error, warning, info, style, never/,
    );
    expect(problems.join('\n')).toMatch(/'compare' is 'maybe'; expected true or false/);
    expect(problems.join('\n')).toMatch(/'build-args' has '--evil'/);
  });
});

describe('the build inputs shared with docker/build-push-action', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-inputs-'));
  const netrc = join(dir, 'netrc');
  writeFileSync(netrc, 'machine x password y\n');

  it('reads secrets, secret-envs, secret-files, ssh, build-contexts, platforms, no-cache and pull', () => {
    const inputs = readInputs(
      from({
        secrets: [
          'npm=abc=def',
          '"key=line one',
          'line ""two"""',
          '# a comment',
          'GIT_AUTH_TOKEN=abcdefghi,jklmno=0123456789',
        ].join('\n'),
        'secret-envs': 'aws=AWS_SECRET_ACCESS_KEY',
        'secret-files': `netrc=${netrc}`,
        ssh: 'default\ngithub=/home/runner/.ssh/id_ed25519,/home/runner/.ssh/other',
        'build-contexts': 'shared=../shared\nalpine=docker-image://alpine:3.20',
        platforms: 'linux/amd64, linux/arm64/v8',
        'no-cache': 'true',
        pull: 'yes',
      }),
    );
    expect(inputs.secrets).toEqual([
      { id: 'npm', value: 'abc=def' },
      { id: 'key', value: 'line one\nline "two"' },
      { id: 'GIT_AUTH_TOKEN', value: 'abcdefghi,jklmno=0123456789' },
    ]);
    expect(inputs['secret-envs']).toEqual([{ id: 'aws', env: 'AWS_SECRET_ACCESS_KEY' }]);
    expect(inputs['secret-files']).toEqual([{ id: 'netrc', path: netrc }]);
    expect(inputs.ssh).toEqual(['default', 'github=/home/runner/.ssh/id_ed25519,/home/runner/.ssh/other']);
    expect(inputs['build-contexts']).toEqual([
      { name: 'shared', value: '../shared' },
      { name: 'alpine', value: 'docker-image://alpine:3.20' },
    ]);
    expect(inputs.platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(inputs['no-cache']).toBe(true);
    expect(inputs.pull).toBe(true);
  });

  it('defaults to none of them', () => {
    const inputs = readInputs(from({}));
    expect([inputs.secrets, inputs.ssh, inputs.platforms, inputs['build-contexts']]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    expect([inputs['no-cache'], inputs.pull]).toEqual([false, false]);
  });

  it('names every bad entry and what would be right, never quoting a secret value', () => {
    const problems = problemsOf({
      secrets: 'ghp_pastedTokenWithoutAnId\nbad id=x',
      'secret-envs': 'aws=not a name',
      'secret-files': 'netrc=/no/such/file',
      ssh: 'bad id\nkey=',
      'build-contexts': 'shared=',
      platforms: 'amd64',
      'no-cache': 'sometimes',
    });
    const text = problems.join('\n');
    expect(problems).toHaveLength(9);
    expect(text).toContain("Input 'secrets' line 1 is not id=value");
    expect(text).toContain("Input 'secrets' line 2 is not id=value");
    expect(text).not.toContain('ghp_pastedToken');
    expect(text).toContain(
      "Input 'secret-envs' has 'aws=not a name'; the part after '=' must name an environment variable",
    );
    expect(text).toContain("Input 'secret-files' has 'netrc=/no/such/file', but no file is there");
    expect(text).toContain("Input 'ssh' has 'bad id'; write 'default'");
    expect(text).toContain("Input 'ssh' has 'key='");
    expect(text).toContain("Input 'build-contexts' has 'shared=' with nothing after '='");
    expect(text).toContain("Input 'platforms' has 'amd64'; expected os/arch[/variant] such as linux/amd64");
    expect(text).toContain("Input 'no-cache' is 'sometimes'; expected true or false");
  });
});

describe('parseList', () => {
  it('drops blanks and comment lines', () => {
    expect(parseList('a\n\n# note\n b ', { commas: false })).toEqual(['a', 'b']);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as {
    runs: { using: string; main: string };
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
  };

  it('runs on node24 from the bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares the same defaults the code falls back to', () => {
    for (const [name, value] of Object.entries(INPUT_DEFAULTS)) {
      expect(action.inputs[name]?.default).toBe(value);
    }
  });

  it('has exactly the inputs readInputs reads', () => {
    const read = new Set<string>();
    readInputs((name) => {
      read.add(name);
      return INPUT_DEFAULTS[name] ?? '';
    });
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('documents every input and output in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme).toContain(`\`${name}\``);
    }
  });
});
