// STUB: owned by the size work (issue 4); replace wholesale.
import type { Inputs } from '../inputs.js';
import type { BudgetResult, ImageMeasurement, SizeDelta } from '../report/model.js';

export function evaluateBudgets(
  _inputs: Pick<Inputs, 'max-size' | 'max-size-increase'>,
  _image: ImageMeasurement | undefined,
  _base: ImageMeasurement | undefined,
  _delta: SizeDelta | undefined,
): BudgetResult[] {
  return [];
}
