/**
 * The shared corpus (../shared/corpus beside the repository) is read in place, never copied into the
 * project: its licences vary. It exists in CI; elsewhere the tests that need it say they were skipped.
 * STAGEGATE_CORPUS=none says a CI has no corpus on purpose (GitHub's runners, .github/workflows/ci.yml):
 * those tests are skipped there too, saying so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from '@jest/globals';

const here = dirname(fileURLToPath(import.meta.url));
const none = process.env.STAGEGATE_CORPUS === 'none';
export const CORPUS = process.env.STAGEGATE_CORPUS || resolve(here, '../../../shared/corpus');
export const corpusAvailable = !none && existsSync(join(CORPUS, 'README.md'));

export function describeWithCorpus(name: string, fn: () => void): void {
  if (corpusAvailable) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true' && !none)
    throw new Error(`The shared corpus is missing at ${CORPUS}; CI must have it.`);
  console.warn(`SKIPPED ${name}: ${none ? 'STAGEGATE_CORPUS=none' : `shared corpus not found at ${CORPUS}`}`);
  describe.skip(name, fn);
}

export function corpusPath(...parts: string[]): string {
  return join(CORPUS, ...parts);
}

/** Every Dockerfile in corpus/real (the MANIFEST excluded). */
export function realDockerfiles(): string[] {
  const dir = corpusPath('real');
  return readdirSync(dir)
    .filter((f) => f !== 'MANIFEST.tsv')
    .sort()
    .map((f) => join(dir, f));
}

/** Every `<case>/Dockerfile` under a buildkit-parser* folder. */
export function parserCases(folder: 'buildkit-parser' | 'buildkit-parser-negative'): string[] {
  const dir = corpusPath(folder);
  return readdirSync(dir)
    .sort()
    .map((c) => join(dir, c, 'Dockerfile'))
    .filter((f) => existsSync(f));
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(corpusPath(file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
