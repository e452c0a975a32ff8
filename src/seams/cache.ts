/**
 * The cache seam: small text blobs kept between workflow runs (the base commit's size report), in
 * the Actions cache. The only `@actions/cache` user. Where there is no Actions cache service (the
 * CLI, a local run) it holds nothing and says so through `available`.
 *
 * The Actions cache stores files, restored to the same path they were saved from, and a key can be
 * written only once; each entry is therefore one file named after its key in a fixed directory.
 */
import * as actionsCache from '@actions/cache';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TextCache {
  available(): boolean;
  /** The text saved under exactly this key, or undefined. Never throws. */
  get(key: string): Promise<string | undefined>;
  /** Saves text under a key; false when it could not (no service, key already taken, error). */
  put(key: string, text: string): Promise<boolean>;
}

function entryPath(key: string): string {
  // os.tmpdir() is /tmp on GitHub's Linux runners; the path is part of the cache version, so it must be stable.
  return join(tmpdir(), 'stagegate-cache', key.replace(/[^A-Za-z0-9_.-]/g, '_') + '.json');
}

export function createActionsCache(): TextCache {
  return {
    available: () => actionsCache.isFeatureAvailable(),
    async get(key) {
      if (!actionsCache.isFeatureAvailable()) return undefined;
      const path = entryPath(key);
      try {
        const hit = await actionsCache.restoreCache([path], key);
        if (hit !== key) return undefined;
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      } finally {
        rmSync(path, { force: true });
      }
    },
    async put(key, text) {
      if (!actionsCache.isFeatureAvailable()) return false;
      const path = entryPath(key);
      try {
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
        return (await actionsCache.saveCache([path], key)) !== -1;
      } catch {
        return false;
      } finally {
        rmSync(path, { force: true });
      }
    },
  };
}
