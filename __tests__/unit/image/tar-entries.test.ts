/**
 * The header walk (src/image/tar-entries.ts) against tar-stream, the library it stands in for, on the
 * same archives: GNU tar's gnu, posix (pax) and ustar formats over a tree with long names, long link
 * targets, hard links, symlinks, non-ASCII names and empty files, written in random chunk sizes down to
 * one byte. Every header must decode as tar-stream decodes it, and the bytes handed to a sink must be
 * the entry's. Broken archives must fail in both.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { TarEntryReader, type TarHeader } from '../../../src/image/tar-entries.js';
import { tarOf } from './tar-fixtures.js';

interface Seen {
  header: Pick<TarHeader, 'name' | 'type' | 'size' | 'mode' | 'linkname'>;
  sha: string;
}

const digest = (parts: Buffer[]): string => createHash('sha256').update(Buffer.concat(parts)).digest('hex');

/** A deterministic generator, so a failing split can be replayed. */
function chunker(seed: number): (left: number) => number {
  let s = seed;
  return (left) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    const pick = s % 4;
    const size = pick === 0 ? 1 : pick === 1 ? 1 + (s % 511) : pick === 2 ? 512 : 1 + (s % 70000);
    return Math.min(size, left);
  };
}

function walk(archive: Buffer, seed: number): Seen[] {
  const seen: Seen[] = [];
  let parts: Buffer[] = [];
  const reader = new TarEntryReader((header) => {
    const entry: Seen = { header: { ...header }, sha: '' };
    seen.push(entry);
    parts = [];
    return { write: (c) => void parts.push(Buffer.from(c)), end: () => void (entry.sha = digest(parts)) };
  });
  const next = chunker(seed);
  for (let at = 0; at < archive.length;) {
    const n = next(archive.length - at);
    reader.write(archive.subarray(at, at + n));
    at += n;
  }
  reader.end();
  return seen;
}

async function viaTarStream(archive: Buffer): Promise<Seen[]> {
  const seen: Seen[] = [];
  const ex = extract();
  ex.on('entry', (h, stream, next) => {
    const parts: Buffer[] = [];
    stream.on('data', (c: unknown) => parts.push(c as Buffer));
    // A cut-off archive fails the entry's stream too; the extractor's own error is what is compared.
    stream.on('error', () => undefined);
    stream.on('end', () => {
      const type = (h.type ?? 'other') as TarHeader['type'];
      seen.push({
        header: { name: h.name, type, size: h.size ?? 0, mode: h.mode ?? 0, linkname: h.linkname ?? '' },
        sha: digest(parts),
      });
      next();
    });
  });
  const finished = new Promise<void>((resolve, reject) => {
    ex.on('error', reject);
    ex.on('finish', () => resolve());
  });
  ex.end(archive);
  await finished;
  return seen;
}

/** A tree that exercises every kind of entry a layer holds, archived by GNU tar in `format`. */
function gnuTar(format: 'gnu' | 'posix' | 'ustar'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'tar-entries-'));
  try {
    const deep = join(dir, 'root', 'a'.repeat(60), 'b'.repeat(60), 'c'.repeat(40));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'file-with-a-long-name.txt'), 'x'.repeat(1000));
    writeFileSync(join(dir, 'root', 'empty'), '');
    writeFileSync(join(dir, 'root', 'exactly-512'), Buffer.alloc(512, 7));
    writeFileSync(join(dir, 'root', 'big.bin'), Buffer.alloc(300_001, 3));
    writeFileSync(join(dir, 'root', 'naïve-ünïcode.txt'), 'é');
    writeFileSync(join(dir, 'root', '.wh.deleted'), '');
    writeFileSync(join(dir, 'root', '.wh..wh..opq'), '');
    symlinkSync('../' + 'z'.repeat(120), join(dir, 'root', 'long-link'));
    symlinkSync('empty', join(dir, 'root', 'short-link'));
    linkSync(join(dir, 'root', 'exactly-512'), join(dir, 'root', 'hard-link'));
    // ustar holds the deep file through its name prefix, but no link target over 100 bytes.
    const members =
      format === 'ustar'
        ? [
            'root/empty',
            'root/exactly-512',
            'root/big.bin',
            'root/hard-link',
            'root/short-link',
            `${deep.slice(dir.length + 1)}/file-with-a-long-name.txt`,
          ]
        : ['root'];
    return execFileSync('tar', ['--format', format, '--sort=name', '-cf', '-', '-C', dir, ...members], {
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('TarEntryReader decodes what tar-stream decodes', () => {
  for (const format of ['gnu', 'posix', 'ustar'] as const) {
    test(`GNU tar --format=${format}, in random chunk sizes`, async () => {
      const archive = gnuTar(format);
      const expected = await viaTarStream(archive);
      expect(expected.length).toBeGreaterThan(4);
      // Names longer than a header's name field really were used (ustar's prefix, GNU's and pax's long
      // names), so their decoding is what is compared.
      expect(expected.some((e) => e.header.name.length > 100)).toBe(true);
      if (format !== 'ustar') expect(expected.some((e) => e.header.linkname.length > 100)).toBe(true);
      expect(expected.some((e) => e.header.type === 'link')).toBe(true);
      for (const seed of [1, 2, 3, 4, 5]) expect(walk(archive, seed)).toEqual(expected);
    });
  }

  test("tar-stream's own pack output (pax headers for long names), with contents", async () => {
    const archive = await tarOf([
      { name: 'dir/', type: 'directory' },
      { name: `dir/${'n'.repeat(150)}`, data: Buffer.from('long name') },
      { name: 'dir/link', type: 'symlink', linkname: 'l'.repeat(130) },
      { name: 'dir/exec', data: Buffer.alloc(1025, 1), mode: 0o755 },
    ]);
    const expected = await viaTarStream(archive);
    expect(expected.map((e) => e.header.mode)).toContain(0o755);
    for (const seed of [7, 8, 9]) expect(walk(archive, seed)).toEqual(expected);
  });

  test('a GNU base-256 size field (files of 8 GiB and more) is read as tar-stream reads it', async () => {
    const archive = Buffer.from(await tarOf([{ name: 'f', data: Buffer.alloc(3, 1) }]));
    // Rewrite the size field as base-256 (0x80, then the value big-endian) and fix the checksum.
    archive.fill(0, 124, 136);
    archive[124] = 0x80;
    archive[135] = 3;
    archive.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += archive[i] as number;
    archive.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    const expected = await viaTarStream(archive);
    expect(expected[0]?.header.size).toBe(3);
    expect(walk(archive, 1)).toEqual(expected);
  });

  test('a wrong checksum, an unknown format and a cut-off stream fail in both', async () => {
    const good = await tarOf([{ name: 'f', data: Buffer.alloc(700, 1) }]);
    const badSum = Buffer.from(good);
    badSum[0] = 0x41;
    const noMagic = Buffer.from(good);
    noMagic.fill(0, 257, 265);
    // Fix the checksum so only the missing magic is wrong.
    noMagic.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += noMagic[i] as number;
    noMagic.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    const cut = good.subarray(0, 900);
    for (const [broken, message] of [
      [badSum, /Invalid tar header/],
      [noMagic, /unknown format/],
      [cut, /Unexpected end of data/],
    ] as const) {
      await expect(viaTarStream(broken)).rejects.toThrow(message);
      expect(() => walk(broken, 3)).toThrow(message);
    }
  });

  test('an entry nobody takes is skipped, and the next header is still found', () => {
    return tarOf([
      { name: 'skip-me', data: Buffer.alloc(5000, 9) },
      { name: 'take-me', data: Buffer.from('kept') },
    ]).then((archive) => {
      const names: string[] = [];
      let kept = '';
      const reader = new TarEntryReader((h) => {
        names.push(h.name);
        return h.name === 'take-me'
          ? { write: (c) => void (kept += c.toString()), end: () => undefined }
          : undefined;
      });
      reader.write(archive);
      reader.end();
      expect(names).toEqual(['skip-me', 'take-me']);
      expect(kept).toBe('kept');
    });
  });
});
