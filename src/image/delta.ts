// STUB: owned by the size work (issue 4); replace wholesale.
import type { ImageMeasurement, SizeDelta } from '../report/model.js';

export function computeDelta(_head: ImageMeasurement, _base: ImageMeasurement): SizeDelta {
  throw new Error('computeDelta: not implemented');
}
