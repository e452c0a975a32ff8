/** Builds small tar archives in memory (layer tars, `docker save` archives) for the image tests. */
import { pack } from 'tar-stream';

export type TarEntry = {
  name: string;
  data?: Buffer;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
  /** Permission bits; tar-stream's default (0o644 for files, 0o755 for directories) when absent. */
  mode?: number;
};

export async function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const p = pack();
  const out: Buffer[] = [];
  p.on('data', (c: unknown) => void out.push(c as Buffer));
  const done = new Promise<void>((resolve) => p.on('end', () => resolve()));
  for (const e of entries) {
    await new Promise<void>((resolve, reject) =>
      p.entry(
        {
          name: e.name,
          type: e.type ?? 'file',
          linkname: e.linkname,
          size: e.data?.length ?? 0,
          ...(e.mode !== undefined ? { mode: e.mode } : {}),
        },
        e.data ?? Buffer.alloc(0),
        (err) => (err ? reject(err) : resolve()),
      ),
    );
  }
  p.finalize();
  await done;
  return Buffer.concat(out);
}
