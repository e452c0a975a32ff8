import { describe, expect, it } from '@jest/globals';
import type { LayerEntry, LayerFiles } from '../../../src/image/layer-files.js';
import { computeWaste, repeatedPaths } from '../../../src/image/waste.js';

const layer = (...entries: Array<[string, number] | [string, number, LayerEntry['kind']]>): LayerFiles => ({
  entries: entries.map(([path, size, kind]) => ({ path, size, kind: kind ?? 'file' })),
  contentBytes: entries.reduce((t, [, s]) => t + s, 0),
});

describe('computeWaste', () => {
  it('is 100% efficient with nothing wasted when no path is written twice', () => {
    const w = computeWaste([layer(['/a', 10], ['/d', 0, 'dir']), layer(['/b', 20])]);
    expect(w).toMatchObject({ wastedBytes: 0, efficiency: 1, offenders: [] });
  });

  it('counts a file deleted by a later layer (whiteout) as wasted', () => {
    const w = computeWaste([layer(['/big', 1000], ['/keep', 1000]), layer(['/big', 0, 'whiteout'])]);
    expect(w.wastedBytes).toBe(1000);
    expect(w.offenders).toEqual([{ path: '/big', wastedBytes: 1000, layers: [0, 1], count: 2 }]);
    // dive: smallest copies (0 + 1000) / all copies (1000 + 0 + 1000)
    expect(w.efficiency).toBeCloseTo(0.5, 10);
    expect(w.diveWastedBytes).toBe(1000);
  });

  it('counts the replaced copy of an overwritten file, not the one that stays', () => {
    const w = computeWaste([layer(['/etc/conf', 300]), layer(['/etc/conf', 500])]);
    expect(w.wastedBytes).toBe(300);
    expect(w.diveWastedBytes).toBe(800);
    expect(w.efficiency).toBeCloseTo(300 / 800, 10);
    expect(w.offenders[0]).toMatchObject({ path: '/etc/conf', wastedBytes: 300, layers: [0, 1], count: 2 });
  });

  it('rolls a deleted directory up into one offender and counts every file under it', () => {
    const w = computeWaste([
      layer(
        ['/var/lib/apt/lists', 0, 'dir'],
        ['/var/lib/apt/lists/a', 40],
        ['/var/lib/apt/lists/b', 60],
        ['/var/x', 5],
      ),
      layer(['/var/lib/apt/lists', 0, 'whiteout']),
    ]);
    expect(w.wastedBytes).toBe(100);
    expect(w.offenders).toEqual([
      { path: '/var/lib/apt/lists/', wastedBytes: 100, layers: [0, 1], count: 2 },
    ]);
  });

  it('applies an opaque directory to lower layers only, whatever the tar order', () => {
    const w = computeWaste([
      layer(['/app/old', 70], ['/other', 1]),
      layer(['/app/new', 9], ['/app', 0, 'opaque']),
    ]);
    expect(w.wastedBytes).toBe(70);
    expect(w.offenders.map((o) => o.path)).toEqual(['/app/']);
  });

  it('lists the largest offenders first, up to the limit', () => {
    const layers = [
      layer(['/a', 1], ['/b', 3], ['/c', 2]),
      layer(['/a', 0, 'whiteout'], ['/b', 0, 'whiteout'], ['/c', 1]),
    ];
    const w = computeWaste(layers, 2);
    expect(w.offenders.map((o) => o.path)).toEqual(['/b', '/c']);
    expect(w.wastedBytes).toBe(6);
  });
});

describe('repeatedPaths', () => {
  it("lists each path written or deleted more than once with its copies and bytes, as dive's fileReference", () => {
    const layers = [
      layer(['/etc/conf', 300], ['/once', 7], ['/tmp/cache', 0, 'dir'], ['/tmp/cache/a', 40]),
      layer(['/etc/conf', 500], ['/tmp/cache', 0, 'whiteout']),
    ];
    expect(repeatedPaths(layers)).toEqual([
      { path: '/etc/conf', copies: 2, cumulativeBytes: 800 },
      { path: '/tmp/cache/a', copies: 2, cumulativeBytes: 40 },
    ]);
    // The list is what diveWastedBytes sums.
    const sum = repeatedPaths(layers).reduce((t, p) => t + p.cumulativeBytes, 0);
    expect(sum).toBe(computeWaste(layers).diveWastedBytes);
  });
});
