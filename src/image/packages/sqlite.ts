/**
 * Just enough of SQLite's file format (https://www.sqlite.org/fileformat2.html) to read every row of
 * one table from a database held in memory: the schema table on page 1 gives the table's root page;
 * its table b-tree is walked (interior pages 0x05, leaf pages 0x0d), payloads that spill are followed
 * through their overflow pages, and each record's columns decoded. No indexes, no WAL (a database
 * copied from an image is read as its main file holds it). Pure; throws on a file it cannot read.
 */

export type SqliteValue = null | number | bigint | string | Buffer;

interface Db {
  buf: Buffer;
  pageSize: number;
  usable: number;
}

function varint(buf: Buffer, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const b = buf[at + i];
    if (b === undefined) throw new Error('truncated varint');
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return { value: value * 256 + buf[at + 8], next: at + 9 };
}

function page(db: Db, n: number): { start: number; header: number } {
  const start = (n - 1) * db.pageSize;
  if (n < 1 || start + db.pageSize > db.buf.length) throw new Error(`page ${n} is outside the file`);
  return { start, header: n === 1 ? start + 100 : start };
}

/** A leaf cell's payload, gathered from the page and its overflow chain. */
function payload(db: Db, at: number): Buffer {
  const size = varint(db.buf, at);
  const rowid = varint(db.buf, size.next);
  const total = size.value;
  const u = db.usable;
  const x = u - 35;
  if (total <= x) return db.buf.subarray(rowid.next, rowid.next + total);
  const m = Math.floor(((u - 12) * 32) / 255) - 23;
  const k = m + ((total - m) % (u - 4));
  const local = k <= x ? k : m;
  const parts = [db.buf.subarray(rowid.next, rowid.next + local)];
  let got = local;
  let next = db.buf.readUInt32BE(rowid.next + local);
  for (let hops = 0; got < total && next !== 0; hops++) {
    if (hops > db.buf.length / db.pageSize) throw new Error('overflow chain loops');
    const { start } = page(db, next);
    const take = Math.min(u - 4, total - got);
    parts.push(db.buf.subarray(start + 4, start + 4 + take));
    got += take;
    next = db.buf.readUInt32BE(start);
  }
  if (got < total) throw new Error('overflow chain ends early');
  return Buffer.concat(parts);
}

function record(rec: Buffer): SqliteValue[] {
  const headerSize = varint(rec, 0);
  const types: number[] = [];
  for (let at = headerSize.next; at < headerSize.value;) {
    const t = varint(rec, at);
    types.push(t.value);
    at = t.next;
  }
  const values: SqliteValue[] = [];
  let at = headerSize.value;
  const intBytes = [0, 1, 2, 3, 4, 6, 8];
  for (const t of types) {
    if (t === 0) values.push(null);
    else if (t >= 1 && t <= 6) {
      const n = intBytes[t];
      values.push(n === 8 ? Number(rec.readBigInt64BE(at)) : rec.readIntBE(at, n));
      at += n;
    } else if (t === 7) {
      values.push(rec.readDoubleBE(at));
      at += 8;
    } else if (t === 8 || t === 9) values.push(t - 8);
    else if (t >= 12) {
      const n = Math.floor((t - 12) / 2);
      const bytes = rec.subarray(at, at + n);
      values.push(t % 2 === 0 ? Buffer.from(bytes) : bytes.toString('utf8'));
      at += n;
    } else throw new Error(`unknown serial type ${t}`);
  }
  return values;
}

/** Every row of the table b-tree rooted at `root`, in rowid order. */
function rows(db: Db, root: number, depth = 0): SqliteValue[][] {
  if (depth > 40) throw new Error('b-tree too deep');
  const { start, header } = page(db, root);
  const kind = db.buf[header];
  const cells = db.buf.readUInt16BE(header + 3);
  const leaf = kind === 0x0d;
  if (!leaf && kind !== 0x05) throw new Error(`page ${root} is not a table b-tree page`);
  const pointers = header + (leaf ? 8 : 12);
  const out: SqliteValue[][] = [];
  for (let i = 0; i < cells; i++) {
    const cell = start + db.buf.readUInt16BE(pointers + 2 * i);
    if (leaf) out.push(record(payload(db, cell)));
    else out.push(...rows(db, db.buf.readUInt32BE(cell), depth + 1));
  }
  if (!leaf) out.push(...rows(db, db.buf.readUInt32BE(header + 8), depth + 1));
  return out;
}

/** Every row of `table`, its columns in declaration order. */
export function readSqliteTable(buf: Buffer, table: string): SqliteValue[][] {
  if (buf.length < 100 || buf.toString('latin1', 0, 16) !== 'SQLite format 3\0') {
    throw new Error('not an SQLite database');
  }
  const raw = buf.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const db: Db = { buf, pageSize, usable: pageSize - buf[20] };
  const schema = rows(db, 1);
  // sqlite_schema: type, name, tbl_name, rootpage, sql.
  const entry = schema.find((r) => r[0] === 'table' && String(r[1]).toLowerCase() === table.toLowerCase());
  if (!entry || typeof entry[3] !== 'number') throw new Error(`no table ${table}`);
  return rows(db, entry[3]);
}
