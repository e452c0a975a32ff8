/**
 * rpm's SQLite database, read without SQLite: a database written by SQLite itself (Python's sqlite3,
 * __tests__/fixtures/rpm/make-rpmdb.py) with rpm's tables, 300 headers (a b-tree more than one page
 * deep) and one header that spills into overflow pages, read through the layer scanner.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pack } from 'tar-stream';
import { imageContents } from '../../../src/image/contents.js';
import { LayerFileScanner } from '../../../src/image/layer-files.js';
import { createPackageReader } from '../../../src/image/packages/reader.js';
import { readRpmDatabase } from '../../../src/image/packages/rpm.js';
import { readSqliteTable } from '../../../src/image/packages/sqlite.js';

const DB = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'rpm', 'rpmdb.sqlite'));

async function layerWith(path: string, data: Buffer) {
  const p = pack();
  const out: Buffer[] = [];
  p.on('data', (c: unknown) => void out.push(c as Buffer));
  const done = new Promise<void>((resolve) => p.on('end', () => resolve()));
  p.entry({ name: path, size: data.length }, data);
  p.finalize();
  await done;
  const scanner = new LayerFileScanner(true, createPackageReader());
  await scanner.write(Buffer.concat(out));
  return scanner.end();
}

describe('rpm database', () => {
  it('reads every row of a table as SQLite wrote it, overflow pages included', () => {
    const rows = readSqliteTable(DB, 'Packages');
    expect(rows).toHaveLength(300);
    // hnum is the rowid (stored as NULL in the record); the blob is the header.
    expect(rows.every((r) => r[0] === null && Buffer.isBuffer(r[1]))).toBe(true);
    expect(Math.max(...rows.map((r) => (r[1] as Buffer).length))).toBe(20136);
    expect(readSqliteTable(DB, 'Name')[0]).toEqual(['pkg0', 1, 0]);
  });

  it('lists the packages with epoch:version-release and installed size', () => {
    const { packages, note } = readRpmDatabase(DB);
    expect(note).toBeUndefined();
    expect(packages).toHaveLength(300);
    expect(packages!.slice(0, 3)).toEqual([
      { ecosystem: 'rpm', name: 'bash', version: '5.2.26-3.fc40', size: 8_360_281 },
      { ecosystem: 'rpm', name: 'glibc', version: '2.39-22.fc40', size: 6_812_336 },
      { ecosystem: 'rpm', name: 'openssl-libs', version: '1:3.2.2-3.fc40', size: 7_766_830 },
    ]);
  });

  it('is an image database read in the layer pass, and a broken one is a note', async () => {
    const layer = await layerWith('usr/lib/sysimage/rpm/rpmdb.sqlite', DB);
    const contents = imageContents([layer]);
    expect(contents.packages.find((p) => p.name === 'bash')).toMatchObject({
      ecosystem: 'rpm',
      layer: 0,
      path: '/usr/lib/sysimage/rpm/rpmdb.sqlite',
    });
    const broken = await layerWith('var/lib/rpm/rpmdb.sqlite', DB.subarray(0, 5000));
    expect(imageContents([broken]).notes).toEqual([
      expect.stringContaining("rpm's database could not be read"),
    ]);
    const legacy = await layerWith('var/lib/rpm/Packages', Buffer.from('bdb'));
    expect(imageContents([legacy]).notes).toEqual([expect.stringContaining('Berkeley DB')]);
  });
});
