/**
 * rpm's package database. rpm 4.16+ (Fedora 33+, RHEL/Rocky/Alma 9, Amazon Linux 2023) keeps it in
 * SQLite, `rpmdb.sqlite`: table `Packages` (hnum, blob), one rpm header per package. It is read with
 * the small SQLite reader in sqlite.ts (Node 20, which runs the tests, has no node:sqlite, and
 * node:sqlite opens only files). Older systems keep Berkeley DB (`Packages`) or SUSE's ndb
 * (`Packages.db`): those are recognised and noted as not read. Pure.
 *
 * A header blob: entry count and data size (big-endian int32 each), then 16-byte index entries (tag,
 * type, offset, count), then the data. Tags: NAME 1000, VERSION 1001, RELEASE 1002, EPOCH 1003,
 * SIZE 1009 (installed bytes, int32), LONGSIZE 5009 (int64, for packages over 4 GiB).
 */
import { readSqliteTable } from './sqlite.js';
import type { PackageFact } from './types.js';

export function isRpmDatabase(path: string): boolean {
  return path === '/var/lib/rpm/rpmdb.sqlite' || path === '/usr/lib/sysimage/rpm/rpmdb.sqlite';
}

export function isRpmLegacyDatabase(path: string): boolean {
  return /^\/(var\/lib|usr\/lib\/sysimage)\/rpm\/Packages(\.db)?$/.test(path);
}

export const RPM_LEGACY_NOT_READ =
  "rpm's Berkeley DB / ndb database is not read (only rpmdb.sqlite is), so rpm packages are not listed";

const TAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, size: 1009, longsize: 5009 };
const STRING = 6;
const INT32 = 4;
const INT64 = 5;

/** The package an rpm header describes; undefined when it names none (a gpg-pubkey header has no SIZE, still a package). */
export function parseRpmHeader(blob: Buffer): PackageFact | undefined {
  if (blob.length < 8) return undefined;
  const count = blob.readInt32BE(0);
  const dataBytes = blob.readInt32BE(4);
  const data = 8 + count * 16;
  if (count < 0 || data + dataBytes > blob.length) return undefined;
  const fields = new Map<number, string | number>();
  for (let i = 0; i < count; i++) {
    const at = 8 + i * 16;
    const tag = blob.readInt32BE(at);
    const type = blob.readInt32BE(at + 4);
    const offset = data + blob.readInt32BE(at + 8);
    if (offset < data || offset >= data + dataBytes) continue;
    if (type === STRING) fields.set(tag, blob.toString('utf8', offset, blob.indexOf(0, offset)));
    else if (type === INT32) fields.set(tag, blob.readUInt32BE(offset));
    else if (type === INT64) fields.set(tag, Number(blob.readBigUInt64BE(offset)));
  }
  const name = fields.get(TAG.name);
  const version = fields.get(TAG.version);
  if (typeof name !== 'string' || typeof version !== 'string') return undefined;
  const release = fields.get(TAG.release);
  const epoch = fields.get(TAG.epoch);
  const size = fields.get(TAG.longsize) ?? fields.get(TAG.size);
  return {
    ecosystem: 'rpm',
    name,
    version: `${epoch !== undefined ? `${epoch}:` : ''}${version}${typeof release === 'string' ? `-${release}` : ''}`,
    ...(typeof size === 'number' ? { size } : {}),
  };
}

/** Every package in rpmdb.sqlite; a database that cannot be read is a note, not an error. */
export function readRpmDatabase(bytes: Buffer): { packages?: PackageFact[]; note?: string } {
  try {
    const packages = readSqliteTable(bytes, 'Packages').flatMap((row) => {
      const blob = row.find((v): v is Buffer => Buffer.isBuffer(v));
      const pkg = blob ? parseRpmHeader(blob) : undefined;
      return pkg ? [pkg] : [];
    });
    return { packages };
  } catch (err) {
    return {
      note: `rpm's database could not be read (${(err as Error).message}), so rpm packages are not listed`,
    };
  }
}
