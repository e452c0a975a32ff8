/**
 * The cache seam: small text blobs kept between runs. Three stores:
 * - the Actions cache (`actions-cache.ts`), for what must travel between workflow runs (the base
 *   commit's size report);
 * - a directory on this machine, for what stays true on it (image scans, keyed by image id): a
 *   developer's machine or a self-hosted runner re-running a job reads them back; on a fresh hosted
 *   runner it starts empty, which costs nothing;
 * - NO_CACHE, which holds nothing (the CLI has no Actions cache).
 */
import { DIRECTORY_CACHE_ENTRIES } from '../limits.js';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface TextCache {
  available(): boolean;
  /** The text saved under exactly this key, or undefined. Never throws. */
  get(key: string): Promise<string | undefined>;
  /** Saves text under a key; false when it could not (no service, key already taken, error). */
  put(key: string, text: string): Promise<boolean>;
}

/** The file an entry is kept in: its key with anything unsafe in a file name replaced, plus `.json`. */
export function entryFileName(key: string): string {
  return key.replace(/[^A-Za-z0-9_.-]/g, '_') + '.json';
}

/** A store that holds nothing: where no cache service exists (the CLI, tests that want none). */
export const NO_CACHE: TextCache = {
  available: () => false,
  get: async () => undefined,
  put: async () => false,
};

export { DIRECTORY_CACHE_ENTRIES };

/**
 * Where stagegate keeps what stays true on this machine: `STAGEGATE_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/stagegate`, else `~/.cache/stagegate`. `STAGEGATE_CACHE_DIR=off` turns it off.
 */
export function machineCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.STAGEGATE_CACHE_DIR;
  if (set === 'off') return undefined;
  if (set) return set;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stagegate');
}

/** A TextCache in a directory: one file per key, written whole (temp file, then rename), pruned. */
export function createDirectoryCache(dir: string, maxEntries = DIRECTORY_CACHE_ENTRIES): TextCache {
  const pathOf = (key: string) => join(dir, entryFileName(key));
  let usable: boolean | undefined;
  const available = () => {
    if (usable === undefined) {
      try {
        mkdirSync(dir, { recursive: true });
        usable = true;
      } catch {
        usable = false;
      }
    }
    return usable;
  };
  const prune = () => {
    const entries = readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (entries.length <= maxEntries) return;
    const byAge = entries
      .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => a.at - b.at || a.f.localeCompare(b.f));
    for (const { f } of byAge.slice(0, entries.length - maxEntries)) rmSync(join(dir, f), { force: true });
  };
  return {
    available,
    async get(key) {
      if (!available()) return undefined;
      try {
        return readFileSync(pathOf(key), 'utf8');
      } catch {
        return undefined;
      }
    },
    async put(key, text) {
      if (!available()) return false;
      const path = pathOf(key);
      const temp = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(temp, text);
        renameSync(temp, path);
        prune();
        return true;
      } catch {
        rmSync(temp, { force: true });
        return false;
      }
    },
  };
}
