/**
 * The Actions cache as a TextCache: the only `@actions/cache` user, imported only by the action's entry
 * point (src/action.ts). Where there is no Actions cache service it holds nothing and says so through
 * `available`. The Actions cache stores files, restored to the same path they were saved from, and a
 * key can be written only once; each entry is therefore one file named after its key in a fixed directory.
 */
import * as actionsCache from '@actions/cache';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryFileName, type TextCache } from './cache.js';

function entryPath(key: string): string {
  // os.tmpdir() is /tmp on GitHub's Linux runners; the path is part of the cache version, so it must be stable.
  return join(tmpdir(), 'stagegate-cache', entryFileName(key));
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
