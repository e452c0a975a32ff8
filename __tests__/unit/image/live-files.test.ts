/**
 * LiveFiles deletes a directory's files through its index: the same files a scan of every live path
 * by prefix deletes, and only those (a sibling sharing a name prefix stays), whatever the nesting.
 */
import { describe, expect, it } from '@jest/globals';
import { LiveFiles } from '../../../src/image/live-files.js';

/** The reference: every live path under `dir/`, from a lower layer. */
function naiveDeleteUnder(live: Map<string, { layer: number }>, dir: string, layer: number): string[] {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const gone: string[] = [];
  for (const [path, v] of live)
    if (v.layer < layer && path.startsWith(prefix)) {
      live.delete(path);
      gone.push(path);
    }
  return gone;
}

describe('LiveFiles', () => {
  it('deletes what lies under a directory at any depth, from lower layers only', () => {
    const live = new LiveFiles<{ layer: number }>();
    for (const p of ['/app/a', '/app/x/y/z', '/application/keep', '/app', '/top']) live.set(p, { layer: 0 });
    live.set('/app/x/new', { layer: 2 });
    const gone: string[] = [];
    live.deleteUnder('/app', 2, (p) => gone.push(p));
    expect(gone.sort()).toEqual(['/app/a', '/app/x/y/z']);
    // `/app` itself (a file replaced by a directory), a name-prefix sibling and the layer's own file stay.
    expect([...live.byPath.keys()].sort()).toEqual(['/app', '/app/x/new', '/application/keep', '/top']);
    live.deleteUnder('/', 3);
    expect([...live.byPath.keys()]).toEqual([]);
  });

  it('keeps first-written order, and indexes a path written again after its deletion', () => {
    const live = new LiveFiles<{ layer: number }>();
    live.set('/d/a', { layer: 0 });
    live.set('/d/b', { layer: 0 });
    live.set('/d/a', { layer: 1 });
    expect([...live.byPath.keys()]).toEqual(['/d/a', '/d/b']);
    live.delete('/d/a');
    live.set('/d/a', { layer: 2 });
    live.deleteUnder('/d', 3);
    expect(live.byPath.size).toBe(0);
  });

  it('agrees with a scan of every path on random trees and deletions', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const names = ['a', 'b', 'ab', 'a.b', 'c'];
    const randomPath = () =>
      '/' + Array.from({ length: 1 + rand(4) }, () => names[rand(names.length)]).join('/');
    for (let round = 0; round < 50; round++) {
      const live = new LiveFiles<{ layer: number }>();
      const reference = new Map<string, { layer: number }>();
      for (let layer = 0; layer < 6; layer++) {
        for (let i = 0; i < 3; i++) {
          const dir = rand(5) === 0 ? '/' : randomPath();
          const gone: string[] = [];
          live.deleteUnder(dir, layer, (p) => gone.push(p));
          expect(gone.sort()).toEqual(naiveDeleteUnder(reference, dir, layer).sort());
        }
        for (let i = 0; i < 8; i++) {
          const path = randomPath();
          live.set(path, { layer });
          reference.set(path, { layer });
        }
        expect([...live.byPath]).toEqual([...reference]);
      }
    }
  });
});
