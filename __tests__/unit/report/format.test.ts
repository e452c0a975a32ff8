import { describe, expect, it } from '@jest/globals';
import {
  formatChange,
  formatDuration,
  formatPercent,
  lineUrl,
  repoPath,
} from '../../../src/report/format.js';

describe('format', () => {
  it('signs percentages and handles tiny and missing ones', () => {
    expect(formatPercent(3.64)).toBe('+3.6%');
    expect(formatPercent(-0.04)).toBe('-<0.1%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('');
    expect(formatPercent(250)).toBe('+250%');
  });

  it('signs byte changes and adds the percent when there is one', () => {
    expect(formatChange(0, 0)).toBe('0 B (0%)');
    expect(formatChange(500, null)).toBe('+500 B');
    expect(formatChange(-500, -1.5)).toBe('-500 B (-1.5%)');
  });

  it('formats durations for people', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });

  it('links a Dockerfile line at the head commit', () => {
    const base = { serverUrl: 'https://github.com', repository: 'acme/app', sha: 'abcdef1234567' };
    expect(lineUrl(base, './docker/My File', 3)).toBe(
      'https://github.com/acme/app/blob/abcdef1234567/docker/My%20File#L3',
    );
    expect(lineUrl(base, 'Dockerfile', 3, 5)).toBe(
      'https://github.com/acme/app/blob/abcdef1234567/Dockerfile#L3-L5',
    );
    expect(lineUrl({ ...base, sha: undefined }, 'Dockerfile', 3)).toBeUndefined();
    expect(lineUrl({ ...base, repository: 'acme/app) [x](y' }, 'Dockerfile', 3)).toBeUndefined();
    expect(repoPath('/abs/Dockerfile')).toBeUndefined();
    expect(repoPath('../outside/Dockerfile')).toBeUndefined();
  });
});
