import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
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
