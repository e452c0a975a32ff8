/**
 * Size budgets (`max-size`, `max-size-increase`). A figure exactly at its limit passes: a budget is the
 * largest size (or growth) allowed, as "at most 200MB" reads. Both compare the size on disk (what
 * `docker image inspect` and `docker images` show), which is what the comment's headline reports.
 * Percent budgets are compared with exact integer arithmetic, so `5%` of a 1,000-byte base allows
 * exactly 50 bytes, without floating-point rounding deciding the boundary.
 */
import type { Inputs } from '../inputs.js';
import type { BudgetResult, ImageMeasurement, SizeDelta } from '../model.js';
import { formatByteCount, formatBytes } from './units.js';

const both = (bytes: number): string => `${formatBytes(bytes)} (${formatByteCount(bytes)} bytes)`;

/** `5`, `2.5`, `0.25%` as an exact fraction numerator/denominator (both integers). */
function percentFraction(raw: string, fallback: number): { num: bigint; den: bigint } {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*%\s*$/.exec(raw);
  if (!m) {
    // Not from readInputs (a hand-made Inputs); 1e6 keeps six decimals of the number given.
    return { num: BigInt(Math.round(fallback * 1e6)), den: 1_000_000n };
  }
  const decimals = m[2] ?? '';
  return { num: BigInt(m[1] + decimals), den: 10n ** BigInt(decimals.length) };
}

function formatPercentFigure(p: number): string {
  return `${p >= 0 ? '+' : ''}${p.toFixed(Math.abs(p) < 1 ? 3 : 2)}%`;
}

/** A max-size-increase budget that could not be checked: it passes, marked skipped, saying why. */
function increaseNotChecked(limit: string, unit: BudgetResult['unit'], why: string): BudgetResult {
  return {
    name: 'max-size-increase',
    limit,
    measured: 0,
    unit,
    passed: true,
    skipped: true,
    message: `max-size-increase ${limit} was not checked: ${why}.`,
  };
}

export function checkMaxSize(budget: NonNullable<Inputs['max-size']>, image: ImageMeasurement): BudgetResult {
  const passed = image.size <= budget.bytes;
  const message = passed
    ? `Image is ${both(image.size)}, within max-size ${budget.raw}.`
    : `Image is ${both(image.size)}, over max-size ${budget.raw} (${formatByteCount(budget.bytes)} bytes) by ${both(image.size - budget.bytes)}.`;
  return { name: 'max-size', limit: budget.raw, measured: image.size, unit: 'bytes', passed, message };
}

export function checkMaxIncrease(
  budget: NonNullable<Inputs['max-size-increase']>,
  base: ImageMeasurement | undefined,
  delta: SizeDelta | undefined,
  /** Why there is no base image, when something went wrong (e.g. the base commit failed to build). */
  baseProblem?: string,
): BudgetResult {
  const percentBudget = budget.percent !== undefined;
  const unit = percentBudget ? 'percent' : 'bytes';
  if (!delta || !base) {
    return increaseNotChecked(budget.raw, unit, baseProblem ?? 'there is no base image to compare with');
  }
  const growth = `${delta.size >= 0 ? 'grew' : 'shrank'} by ${both(Math.abs(delta.size))}`;
  if (percentBudget && base.size === 0) {
    return increaseNotChecked(budget.raw, unit, 'the base image is empty, so growth has no percentage');
  }
  if (percentBudget) {
    const { num, den } = percentFraction(budget.raw, budget.percent ?? 0);
    // delta / base * 100 <= num / den  <=>  delta * 100 * den <= num * base (base > 0).
    const passed = BigInt(delta.size) * 100n * den <= num * BigInt(base.size);
    const measured = (delta.size / base.size) * 100;
    const figure = formatPercentFigure(measured);
    const message = passed
      ? `Image ${growth} (${figure}), within max-size-increase ${budget.raw}.`
      : `Image ${growth} (${figure}) since the base, over max-size-increase ${budget.raw}.`;
    return { name: 'max-size-increase', limit: budget.raw, measured, unit, passed, message };
  }
  const limit = budget.bytes ?? 0;
  const passed = delta.size <= limit;
  const message = passed
    ? `Image ${growth}, within max-size-increase ${budget.raw}.`
    : `Image ${growth} since the base, over max-size-increase ${budget.raw} (${formatByteCount(limit)} bytes).`;
  return { name: 'max-size-increase', limit: budget.raw, measured: delta.size, unit, passed, message };
}

/** Checks the budgets the user set; a budget that was not set gives no result. */
export function evaluateBudgets(
  inputs: Pick<Inputs, 'max-size' | 'max-size-increase'>,
  image: ImageMeasurement | undefined,
  base: ImageMeasurement | undefined,
  delta: SizeDelta | undefined,
  /** Why there is no base image, when something went wrong: then a skipped budget is a warning, not a pass. */
  baseProblem?: string,
): BudgetResult[] {
  const results: BudgetResult[] = [];
  const maxSize = inputs['max-size'];
  if (maxSize) {
    results.push(
      image
        ? checkMaxSize(maxSize, image)
        : {
            name: 'max-size',
            limit: maxSize.raw,
            measured: 0,
            unit: 'bytes',
            passed: true,
            skipped: true,
            message: `max-size ${maxSize.raw} was not checked: the image was not measured.`,
          },
    );
  }
  const increase = inputs['max-size-increase'];
  if (increase) results.push(checkMaxIncrease(increase, base, delta, baseProblem));
  return results;
}
