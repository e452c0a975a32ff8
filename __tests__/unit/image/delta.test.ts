import { describe, expect, it } from '@jest/globals';
import { computeDelta, NOISE_BYTES } from '../../../src/image/delta.js';
import type { ImageMeasurement, LayerInfo } from '../../../src/model.js';

const baseLayer = (id: string, size: number, image = 'alpine:3'): LayerInfo => ({
  diffId: id,
  size,
  compressedSize: Math.round(size / 2),
  createdBy: '',
  baseImage: image,
});
const step = (
  id: string,
  text: string,
  size: number,
  line = 1,
  compressed = Math.round(size / 2),
): LayerInfo => ({
  diffId: id,
  size,
  compressedSize: compressed,
  createdBy: `${text} # buildkit`,
  instruction: { stage: 'app', line, text },
});
const image = (layers: LayerInfo[]): ImageMeasurement => ({
  imageId: 'sha256:' + layers.map((l) => l.diffId).join(''),
  size: layers.reduce((t, l) => t + l.size, 0),
  compressedSize: layers.reduce((t, l) => t + l.compressedSize, 0) + 1000,
  layers,
});

describe('computeDelta', () => {
  const base = image([
    baseLayer('b1', 5_000_000),
    step('l1', 'WORKDIR /app', 0, 2),
    step('l2', 'RUN apt-get install -y curl', 30_000_000, 3),
    step('l3', 'COPY . .', 1_000_000, 4),
  ]);

  it('reports bytes and percent, disk and compressed', () => {
    const head = image([...base.layers.slice(0, 3), step('l3b', 'COPY . .', 4_145_728, 4)]);
    const d = computeDelta(head, base);
    expect(d.size).toBe(3_145_728);
    expect(d.sizePercent).toBeCloseTo((3_145_728 / base.size) * 100, 10);
    expect(d.compressedSize).toBe(head.compressedSize - base.compressedSize);
    expect(d.unchanged).toBe(false);
    expect(d.baseImageChanged).toBe(false);
    const copy = d.layers.find((l) => l.instruction?.text === 'COPY . .');
    expect(copy).toMatchObject({
      change: 'grew',
      delta: 3_145_728,
      baseSize: 1_000_000,
      headSize: 4_145_728,
    });
    expect(d.layers.filter((l) => l.change !== 'unchanged')).toHaveLength(1);
  });

  it('says which layer was added or removed, matching the rest by instruction, not position', () => {
    const head = image([
      base.layers[0],
      base.layers[1],
      step('n1', 'RUN echo new > /x', 2_000_000, 3),
      { ...base.layers[2], instruction: { stage: 'app', line: 4, text: 'RUN apt-get install -y curl' } },
    ]);
    const d = computeDelta(head, base);
    const byChange = Object.fromEntries(d.layers.map((l) => [l.instruction?.text ?? l.createdBy, l.change]));
    expect(byChange).toEqual({
      'base image alpine:3': 'unchanged',
      'WORKDIR /app': 'unchanged',
      'RUN echo new > /x': 'added',
      'RUN apt-get install -y curl': 'unchanged',
      'COPY . .': 'removed',
    });
    expect(d.layers.find((l) => l.change === 'removed')).toMatchObject({
      delta: -1_000_000,
      baseSize: 1_000_000,
    });
  });

  it('pairs an edited instruction with the layer it replaces, so it grew rather than added + removed', () => {
    const head = image([
      ...base.layers.slice(0, 2),
      step('l2b', 'RUN apt-get install -y curl git', 42_000_000, 3),
      base.layers[3],
    ]);
    const d = computeDelta(head, base);
    const run = d.layers.find((l) => l.instruction?.text.startsWith('RUN'));
    expect(run).toMatchObject({ change: 'grew', delta: 12_000_000, baseSize: 30_000_000 });
    expect(d.layers.map((l) => l.change)).not.toContain('added');
  });

  it('says when the base image itself changed', () => {
    const head = image([baseLayer('b2', 7_000_000, 'alpine:3.20'), ...base.layers.slice(1)]);
    const d = computeDelta(head, base);
    expect(d.baseImageChanged).toBe(true);
    expect(d.layers[0]).toMatchObject({ baseImage: 'alpine:3.20', change: 'grew', delta: 2_000_000 });
    expect(d.layers[0].createdBy).toContain('alpine:3 -> alpine:3.20');
  });

  it(`calls changes below ${NOISE_BYTES} bytes unchanged, but keeps the exact figures`, () => {
    const head = image([
      ...base.layers.slice(0, 3),
      step('l3c', 'COPY . .', 1_000_000 + NOISE_BYTES - 1, 4, 500_010),
    ]);
    const d = computeDelta(head, base);
    expect(d.size).toBe(NOISE_BYTES - 1);
    expect(d.unchanged).toBe(true);
    expect(d.layers.every((l) => l.change === 'unchanged')).toBe(true);
    const over = image([
      ...base.layers.slice(0, 3),
      step('l3d', 'COPY . .', 1_000_000 + NOISE_BYTES, 4, 500_010),
    ]);
    expect(computeDelta(over, base).unchanged).toBe(false);
  });

  it('has no percent when the base is empty', () => {
    const empty: ImageMeasurement = { imageId: 'e', size: 0, compressedSize: 0, layers: [] };
    expect(computeDelta(base, empty).sizePercent).toBeNull();
  });
});
