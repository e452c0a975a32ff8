// STUB: owned by the size work (issue 4); replace wholesale.
import type { DockerfileModel } from '../dockerfile/types.js';
import type { ImageMeasurement } from '../report/model.js';
import type { Engine } from '../seams/engine.js';

/** Measures a loaded image: disk size, compressed size, layers tied to instructions, waste. */
export async function measureImage(
  _engine: Engine,
  _image: string,
  _model: DockerfileModel,
  _target: number,
): Promise<ImageMeasurement> {
  throw new Error('measureImage: not implemented');
}
