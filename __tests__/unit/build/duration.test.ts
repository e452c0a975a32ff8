import { describe, expect, it } from '@jest/globals';
import { formatDurationLimit, parseDuration } from '../../../src/build/duration.js';
import { INPUT_DEFAULTS, parseInputs } from '../../../src/inputs.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['250ms', 250],
    ['45', 45_000],
    ['0', 0],
    [' 2M ', 120_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '5 minutes', '-1s', '1d', 'm5'])('%s is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats limits for people', () => {
    expect([3000, 90_000, 1_800_000, 3_600_000, 500].map(formatDurationLimit)).toEqual([
      '3s',
      '1m30s',
      '30m',
      '1h',
      '500ms',
    ]);
  });
});

describe("the 'test-timeout' input", () => {
  const parse = (value: string) =>
    parseInputs((n) => (n === 'test-timeout' ? value : (INPUT_DEFAULTS[n] ?? '')));

  it('defaults to 30 minutes, and 0 means no limit', () => {
    expect(parse('').inputs['test-timeout']).toBe(1_800_000);
    expect(parse('0').inputs['test-timeout']).toBeUndefined();
    expect(parse('3s').inputs['test-timeout']).toBe(3000);
  });

  it('a bad value is a problem naming the input and what would be right; the default applies', () => {
    const { inputs, problems } = parse('forever');
    expect(problems).toEqual([
      "Input 'test-timeout' is 'forever'; expected a duration such as 90s, 30m or 1h (or 0 for no limit).",
    ]);
    expect(inputs['test-timeout']).toBe(1_800_000);
  });
});
