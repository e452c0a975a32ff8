import { describe, expect, it } from '@jest/globals';
import { evaluateBudgets } from '../../../src/image/budgets.js';
import type { ImageMeasurement, SizeDelta } from '../../../src/model.js';
import { readInputs } from '../../../src/inputs.js';

const image = (size: number): ImageMeasurement => ({
  imageId: 'sha256:x',
  size,
  compressedSize: size / 2,
  layers: [],
});
const delta = (size: number, base: number): SizeDelta => ({
  size,
  sizePercent: (size / base) * 100,
  compressedSize: 0,
  compressedPercent: 0,
  unchanged: false,
  baseImageChanged: false,
  layers: [],
});
/** Budgets exactly as readInputs parses them from action inputs. */
const budgets = (maxSize: string, maxIncrease: string) => {
  const values: Record<string, string> = { 'max-size': maxSize, 'max-size-increase': maxIncrease };
  return readInputs((name) => values[name] ?? '');
};

describe('max-size', () => {
  it.each([
    ['200MB', 200_000_000, true],
    ['200MB', 200_000_001, false],
    ['1.5GiB', 1_610_612_736, true],
    ['1.5GiB', 1_610_612_737, false],
    ['3145728', 3_145_728, true],
    ['3145728', 3_145_729, false],
  ])('%s with an image of %d bytes passes: %s (exactly at the limit passes)', (limit, size, passes) => {
    const [result] = evaluateBudgets(budgets(limit, ''), image(size), undefined, undefined);
    expect(result).toMatchObject({ name: 'max-size', limit, measured: size, unit: 'bytes', passed: passes });
  });

  it('names the budget and the measured figure when over', () => {
    const [result] = evaluateBudgets(budgets('200MB', ''), image(212_400_000), undefined, undefined);
    expect(result.passed).toBe(false);
    expect(result.message).toContain('Image is 212.4 MB (212,400,000 bytes), over max-size 200MB');
  });

  it('is not checked (and says so) when the image was not measured', () => {
    const [result] = evaluateBudgets(budgets('200MB', ''), undefined, undefined, undefined);
    expect(result).toMatchObject({ passed: true, skipped: true });
    expect(result.message).toMatch(/not checked/);
  });
});

describe('max-size-increase', () => {
  it.each([
    ['10MB', 10_000_000, true],
    ['10MB', 10_000_001, false],
    ['10MB', -50_000_000, true],
    ['1KiB', 1024, true],
    ['1KiB', 1025, false],
  ])('%s with growth of %d bytes passes: %s', (limit, growth, passes) => {
    const base = image(100_000_000);
    const [result] = evaluateBudgets(
      budgets('', limit),
      image(base.size + growth),
      base,
      delta(growth, base.size),
    );
    expect(result).toMatchObject({
      name: 'max-size-increase',
      unit: 'bytes',
      measured: growth,
      passed: passes,
    });
  });

  it.each([
    // 5% of 1,000 bytes is exactly 50 bytes; floating point must not decide the boundary.
    ['5%', 1000, 50, true],
    ['5%', 1000, 51, false],
    ['0.29%', 10_000, 29, true],
    ['0.29%', 10_000, 30, false],
    ['2.5%', 1_000_000, 25_000, true],
    ['2.5%', 1_000_000, 25_001, false],
    ['0.7%', 1000, 7, true],
  ])('%s of a %d-byte base with growth of %d passes: %s', (limit, baseSize, growth, passes) => {
    const base = image(baseSize);
    const [result] = evaluateBudgets(
      budgets('', limit),
      image(baseSize + growth),
      base,
      delta(growth, baseSize),
    );
    expect(result).toMatchObject({ name: 'max-size-increase', unit: 'percent', passed: passes });
    expect(result.measured).toBeCloseTo((growth / baseSize) * 100, 10);
  });

  it('names the budget and the growth when over', () => {
    const base = image(100_000_000);
    const [bytes] = evaluateBudgets(
      budgets('', '10MB'),
      image(112_345_678),
      base,
      delta(12_345_678, base.size),
    );
    expect(bytes.message).toContain('grew by 12.3 MB (12,345,678 bytes)');
    expect(bytes.message).toContain('over max-size-increase 10MB');
    const [pct] = evaluateBudgets(budgets('', '5%'), image(106_000_000), base, delta(6_000_000, base.size));
    expect(pct.message).toContain('(+6.00%)');
    expect(pct.message).toContain('over max-size-increase 5%');
  });

  it('is not checked without a base image (new image), and passes', () => {
    const [result] = evaluateBudgets(budgets('', '5%'), image(10), undefined, undefined);
    expect(result).toMatchObject({ passed: true, skipped: true });
  });

  it('does not check a percent budget against an empty base image', () => {
    const [result] = evaluateBudgets(budgets('', '5%'), image(10), image(0), delta(10, 1));
    expect(result).toMatchObject({ passed: true, skipped: true, measured: 0 });
    expect(result.message).toMatch(/base image is empty/);
  });

  it('gives nothing for budgets that were not set', () => {
    expect(evaluateBudgets(budgets('', ''), image(10), image(5), delta(5, 5))).toEqual([]);
  });

  it('checks both together', () => {
    const base = image(1000);
    const results = evaluateBudgets(budgets('1kB', '10%'), image(1100), base, delta(100, 1000));
    expect(results.map((r) => [r.name, r.passed])).toEqual([
      ['max-size', false],
      ['max-size-increase', true],
    ]);
  });
});
