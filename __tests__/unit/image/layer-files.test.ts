/** How a layer tar's entry names become image paths and kinds (the fast path for plain names included). */
import { describe, expect, it } from '@jest/globals';
import { classifyEntry, normalizeLayerPath } from '../../../src/image/layer-files.js';
import type { TarHeader } from '../../../src/image/tar-entries.js';

const header = (name: string, type: TarHeader['type'] = 'file', size = 5, linkname = ''): TarHeader => ({
  name,
  type,
  size,
  mode: 0o644,
  linkname,
});

describe('normalizeLayerPath', () => {
  it.each([
    ['usr/bin/env', '/usr/bin/env'],
    ['./usr/bin/env', '/usr/bin/env'],
    ['/usr/bin/env', '/usr/bin/env'],
    ['//usr/bin', '/usr/bin'],
    ['usr/bin/', '/usr/bin'],
    ['./usr/bin//', '/usr/bin'],
    ['./', '/'],
    ['.hidden', '/.hidden'],
    ['.hidden/', '/.hidden'],
    ['a.b/c', '/a.b/c'],
  ])('%j -> %j', (name, path) => expect(normalizeLayerPath(name)).toBe(path));
});

describe('classifyEntry', () => {
  it.each([
    [header('etc/passwd'), { path: '/etc/passwd', size: 5, kind: 'file' }],
    [header('etc/', 'directory', 0), { path: '/etc', size: 0, kind: 'dir' }],
    [header('bin/sh', 'symlink', 0, 'busybox'), { path: '/bin/sh', size: 7, kind: 'file' }],
    [header('bin/ash', 'link', 0, 'bin/sh'), { path: '/bin/ash', size: 0, kind: 'file' }],
    [
      header('var/lib/apt/lists/.wh.lock', 'file', 0),
      { path: '/var/lib/apt/lists/lock', size: 0, kind: 'whiteout' },
    ],
    [header('.wh.tmp', 'file', 0), { path: '/tmp', size: 0, kind: 'whiteout' }],
    [header('app/.wh..wh..opq', 'file', 0), { path: '/app', size: 0, kind: 'opaque' }],
    [header('.wh..wh..opq', 'file', 0), { path: '/', size: 0, kind: 'opaque' }],
    [header('app/x.wh.y'), { path: '/app/x.wh.y', size: 5, kind: 'file' }],
  ])('%j', (h, entry) => expect(classifyEntry(h)).toEqual(entry));

  it('skips the root directory entry', () => {
    expect(classifyEntry(header('./', 'directory', 0))).toBeUndefined();
  });
});
