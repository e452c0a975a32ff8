import { describe, expect, it } from '@jest/globals';
import type { LayerEntry, LayerFiles } from '../../../src/image/layer-files.js';
import { finalFiles, type FinalFile } from '../../../src/image/final-files.js';
import { largestFiles } from '../../../src/image/largest-files.js';
import { computeWaste, repeatedPaths, wasteAndFinalFiles } from '../../../src/image/waste.js';

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

describe('wasteAndFinalFiles', () => {
  /** Layers that write, overwrite, whiteout files and directories, and mark opaque directories. */
  function randomLayers(seed: number): LayerFiles[] {
    let x = seed;
    const next = (n: number): number => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % n);
    const paths = ['/a', '/a/b', '/a/b/c', '/a/d', '/e', '/e/f', '/g'];
    return Array.from({ length: 5 }, () => {
      const entries: Array<[string, number, LayerEntry['kind']]> = [];
      for (let i = 0; i < 6; i++) {
        const kind = (['file', 'file', 'file', 'whiteout', 'opaque', 'dir'] as const)[next(6)];
        entries.push([paths[next(paths.length)], kind === 'file' ? next(100) : 0, kind]);
      }
      return layer(...entries);
    });
  }

  /** The replay the slow way: a flat map, and every deletion a scan of all live paths. */
  function naive(layers: LayerFiles[]): { files: Map<string, FinalFile>; wastedBytes: number } {
    const live = new Map<string, FinalFile>();
    let wastedBytes = 0;
    const drop = (path: string) => {
      wastedBytes += live.get(path)?.size ?? 0;
      live.delete(path);
    };
    layers.forEach(({ entries }, index) => {
      for (const e of entries) {
        if (e.kind !== 'whiteout' && e.kind !== 'opaque') continue;
        const own = live.get(e.path);
        if (e.kind === 'whiteout' && own && own.layer < index) drop(e.path);
        else for (const [p, f] of live) if (p.startsWith(`${e.path}/`) && f.layer < index) drop(p);
      }
      for (const e of entries) {
        if (e.kind !== 'file') continue;
        const previous = live.get(e.path);
        if (previous && previous.layer < index) wastedBytes += previous.size;
        live.set(e.path, { size: e.size, layer: index });
      }
    });
    return { files: live, wastedBytes };
  }
  const sorted = (m: Map<string, FinalFile>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

  it('gives the final filesystem and the wasted bytes of a plain replay, in one pass', () => {
    let deleted = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const layers = randomLayers(seed);
      const { waste, files } = wasteAndFinalFiles(layers);
      const want = naive(layers);
      expect(sorted(files)).toEqual(sorted(want.files));
      expect(waste.wastedBytes).toBe(want.wastedBytes);
      expect(sorted(finalFiles(layers.map((l) => l.entries)))).toEqual(sorted(want.files));
      if (want.wastedBytes > 0) deleted++;
    }
    // The fixtures do replace and delete.
    expect(deleted).toBeGreaterThan(50);
  });
});

describe('largestFiles', () => {
  it('keeps the same files, in the same order, as sorting every file would', () => {
    for (const [count, keep] of [
      [0, 3],
      [5, 10],
      [500, 200],
      [2000, 7],
    ] as const) {
      const files = new Map<string, FinalFile>();
      for (let i = 0; i < count; i++)
        files.set(`/f${(i * 7919) % 1009}/${i}`, { size: (i * 37) % 50, layer: i % 3 });
      const all = [...files]
        .filter(([, f]) => f.size > 0)
        .map(([path, f]) => ({ path, size: f.size, layer: f.layer }))
        .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
      const kept = all.slice(0, keep);
      const got = largestFiles(files, keep);
      expect(got.largestFiles).toEqual(kept);
      expect(got.largestFilesFrom).toBe(all.length > keep ? kept[kept.length - 1].size : 0);
    }
  });
});
