/**
 * The HTTP/1.1 response reader the engine seam decodes `docker save` with: every framing a response can
 * use, fed whole and split at every byte, and the responses it must refuse. The same reader runs against
 * node:http's server in engine-api.test.ts, and against dockerd in the integration tests.
 */
import { describe, expect, it } from '@jest/globals';
import { HttpResponseReader, joinInPlace, type ResponseHead } from '../../../src/seams/http-response.js';

interface Read {
  head?: ResponseHead;
  body: string;
  complete: boolean;
}

/** Feeds `parts` in order, then (with `close`) the connection's end; what came out. */
function read(parts: Buffer[], close = false): Read {
  const out: Read = { body: '', complete: false };
  const reader = new HttpResponseReader({
    head: (h) => (out.head = h),
    body: (c) => (out.body += c.toString('latin1')),
  });
  for (const p of parts) reader.write(p);
  if (close) reader.end();
  out.complete = reader.complete;
  return out;
}

/** The response split into single bytes, and at every point into two parts. */
function splits(text: string): Buffer[][] {
  const b = Buffer.from(text, 'latin1');
  const all: Buffer[][] = [[b], [...b].map((x) => Buffer.from([x]))];
  for (let i = 1; i < b.length; i++) all.push([b.subarray(0, i), b.subarray(i)]);
  return all;
}

const CASES: Array<[string, string, { status: number; body: string; close?: boolean }]> = [
  [
    'chunked',
    'HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n',
    { status: 200, body: 'hello, world' },
  ],
  [
    'chunked with extensions, upper-case hex and trailers',
    'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nA;name=x\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n',
    { status: 200, body: '0123456789' },
  ],
  [
    'chunked with bare LF line ends in the framing',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\n0\n\n',
    { status: 200, body: 'abc' },
  ],
  [
    'Content-Length',
    'HTTP/1.1 404 Not Found\r\nContent-Length: 13\r\n\r\n{"message":1}',
    { status: 404, body: '{"message":1}' },
  ],
  ['an empty body by length', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', { status: 200, body: '' }],
  ['204, no body', 'HTTP/1.1 204 No Content\r\n\r\n', { status: 204, body: '' }],
  [
    'a 100 Continue before the response',
    'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    { status: 200, body: 'ok' },
  ],
  [
    'a body until the connection closes',
    'HTTP/1.0 200 OK\r\n\r\nall of it',
    { status: 200, body: 'all of it', close: true },
  ],
];

describe('HttpResponseReader', () => {
  it.each(CASES)('reads %s, however the bytes are split', (_name, text, want) => {
    for (const parts of splits(text)) {
      const got = read(parts, want.close);
      expect(got.head?.status).toBe(want.status);
      expect(got.body).toBe(want.body);
      expect(got.complete).toBe(true);
    }
  });

  it('gives header names lower-cased, repeated fields joined', () => {
    const got = read([Buffer.from('HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a:  2 \r\nContent-Length: 0\r\n\r\n')]);
    expect(got.head?.headers.get('x-a')).toBe('1, 2');
  });

  it('ignores bytes after a complete response', () => {
    const got = read([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA')]);
    expect(got.body).toBe('ok');
  });

  it('is not complete until the last chunk, and a close before it is an error', () => {
    const partial = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel';
    expect(read([Buffer.from(partial)]).complete).toBe(false);
    expect(() => read([Buffer.from(partial)], true)).toThrow('closed before the response was complete');
    expect(() => read([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort')], true)).toThrow(
      'closed before',
    );
  });

  it.each([
    ['no status line', 'SSH-2.0-OpenSSH\r\n\r\n', 'not an HTTP/1.1 response'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'invalid chunk size'],
    [
      'chunk data longer than its size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n',
      'not followed by CRLF',
    ],
    [
      'a transfer coding other than chunked',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n',
      'unsupported transfer coding',
    ],
    ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', 'invalid content-length'],
    ['a header field without a colon', 'HTTP/1.1 200 OK\r\nnocolon\r\n\r\n', 'invalid header field'],
    ['endless headers', `HTTP/1.1 200 OK\r\n${'X: y\r\n'.repeat(20_000)}`, 'too long'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => read([Buffer.from(text)])).toThrow(message);
  });
});

describe('joinInPlace', () => {
  it('moves views of one buffer together into one view, the framing between them dropped', () => {
    const memory = Buffer.from('xxAAA..BB...CCCCyy');
    const parts = [memory.subarray(2, 5), memory.subarray(7, 9), memory.subarray(12, 16)];
    const joined = joinInPlace(parts);
    expect(joined?.toString()).toBe('AAABBCCCC');
    expect(joined?.buffer).toBe(memory.buffer);
    expect(joinInPlace([memory.subarray(2, 5)])?.toString()).toBe('AAA');
    expect(joinInPlace([])).toBeUndefined();
  });

  it('refuses views of different memory', () => {
    expect(() => joinInPlace([Buffer.alloc(1, 'a'), Buffer.alloc(1, 'b')])).toThrow('different memory');
    const memory = Buffer.alloc(8);
    expect(() => joinInPlace([memory.subarray(4, 6), memory.subarray(0, 2)])).toThrow('out of order');
  });
});
