/**
 * The engine seam's streamed GET on the Docker API socket (what `docker save` reads), against a local
 * HTTP server on a unix socket: the body as a stream, the daemon's error in the CLI's words, and a read
 * that stops early or is cancelled ending the transfer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../src/seams/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'stagegate-engine-api-'));
const socket = join(dir, 'docker.sock');
const requests: string[] = [];
let closedEarly = 0;
let server: Server;
const savedHost = process.env.DOCKER_HOST;

/** 3 MB that no two offsets share a pattern of (a byte lost or moved shows in the hash). */
const VARIED = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 2654435761) >>> 24));

/** 1 MiB of a repeating pattern in 64 KiB writes, with backpressure. */
function sendMegabyte(res: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 'abcdefgh');
  let left = 16;
  const more = () => {
    while (left > 0) {
      left--;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    res.end();
  };
  res.on('close', () => {
    if (!res.writableFinished) closedEarly++;
  });
  more();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url?.includes('missing')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'reference does not exist' }));
    } else if (req.url?.includes('varied')) {
      // Writes of every size from 1 byte to 70 KiB: each is one chunk of the chunked coding.
      res.writeHead(200);
      for (let size = 1, at = 0; at < VARIED.length; at += size, size = (size * 7 + 13) % 70_000 || 1)
        res.write(VARIED.subarray(at, Math.min(at + size, VARIED.length)));
      res.end();
    } else if (req.url?.includes('cut')) {
      res.writeHead(200);
      res.write(Buffer.alloc(1000, 'x'));
      setTimeout(() => res.socket?.destroy(), 10); // mid-response: no last chunk
    } else if (req.url?.includes('slow')) {
      res.writeHead(200);
      res.write('x'); // then never more: only a cancel ends it
    } else {
      res.writeHead(200, { 'content-type': 'application/x-tar' });
      sendMegabyte(res);
    }
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  process.env.DOCKER_HOST = `unix://${socket}`;
});

afterEach(() => {
  requests.length = 0;
});

afterAll(async () => {
  if (savedHost === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = savedHost;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('engineApiGet', () => {
  it('streams the body of the GET, then ends like a process that exited 0', async () => {
    const handle = createEngine().engineApiGet?.('/images/get?names=app%3A1');
    expect(handle).toBeDefined();
    let bytes = 0;
    for await (const chunk of handle!.stdout) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(1024 * 1024);
    expect((await handle!.done).exitCode).toBe(0);
    expect(requests).toEqual(['GET /images/get?names=app%3A1']);
  });

  it('hands on every body byte in order, whatever the sizes of the chunks', async () => {
    const handle = createEngine().engineApiGet?.('/images/get?names=varied');
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of handle!.stdout) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    expect(bytes).toBe(VARIED.length);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(VARIED).digest('hex'));
    expect((await handle!.done).exitCode).toBe(0);
  });

  it('fails, as a process would, when the daemon closes the connection mid-response', async () => {
    const handle = createEngine().engineApiGet?.('/images/get?names=cut');
    let bytes = 0;
    for await (const chunk of handle!.stdout) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(1000);
    const done = await handle!.done;
    expect(done.exitCode).toBe(1);
    expect(done.stderr).toContain('closed before the response was complete');
  });

  it("turns the daemon's error into a failed exit with its message, as the CLI prints it", async () => {
    const handle = createEngine().engineApiGet?.('/images/get?names=missing');
    for await (const _ of handle!.stdout);
    const done = await handle!.done;
    expect(done.exitCode).toBe(1);
    expect(done.stderr).toBe('Error response from daemon: reference does not exist');
  });

  it('stops the transfer when the reader stops early, as a closed pipe stops docker save', async () => {
    const handle = createEngine().engineApiGet?.('/images/get?names=app');
    for await (const _ of handle!.stdout) break; // one chunk, then destroy
    const done = await handle!.done;
    expect(done.exitCode).toBe(130);
    await new Promise((r) => setTimeout(r, 50));
    expect(closedEarly).toBeGreaterThan(0);
  });

  it('is cancelled by its signal', async () => {
    const stop = new AbortController();
    const handle = createEngine().engineApiGet?.('/images/get?names=slow', { signal: stop.signal });
    setTimeout(() => stop.abort(), 20);
    expect((await handle!.done).exitCode).toBe(130);
  });

  it('is not offered when docker would talk to a daemon elsewhere, or the socket cannot be opened', () => {
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:2375';
    expect(createEngine().engineApiGet?.('/_ping')).toBeUndefined();
    process.env.DOCKER_HOST = `unix://${join(dir, 'absent.sock')}`;
    expect(createEngine().engineApiGet?.('/_ping')).toBeUndefined();
    process.env.DOCKER_HOST = `unix://${socket}`;
  });
});
