import { describe, expect, it } from '@jest/globals';
import { formatByteCount, formatBytes, parseByteSize } from '../../../src/image/units.js';

describe('parseByteSize', () => {
  it.each([
    ['200MB', 200_000_000],
    ['1.5GiB', 1_610_612_736],
    ['10 mb', 10_000_000],
    ['3145728', 3_145_728],
    ['512KiB', 524_288],
    ['2k', 2000],
  ])('%s is %d bytes', (text, bytes) => expect(parseByteSize(text)).toBe(bytes));

  it.each(['', 'MB', '12 parsecs', '-5MB', '1e6'])('rejects %p', (text) =>
    expect(parseByteSize(text)).toBeUndefined(),
  );
});

describe('formatBytes', () => {
  it.each([
    [950, '950 B'],
    [3_145_728, '3.15 MB'],
    [212_400_000, '212.4 MB'],
    [12_345_678, '12.3 MB'],
    [-2_500, '-2.50 kB'],
  ])('%d reads %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it('writes exact counts with thousands separators', () =>
    expect(formatByteCount(212400000)).toBe('212,400,000'));
});
