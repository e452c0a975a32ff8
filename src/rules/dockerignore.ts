/**
 * `.dockerignore`, found and matched the way BuildKit does it: `<Dockerfile>.dockerignore` next to the
 * Dockerfile wins over `<context>/.dockerignore`; patterns follow Docker's rules (comments, `!`
 * exceptions, a match on a parent directory excludes what is inside it), via @balena/dockerignore.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import dockerignore from '@balena/dockerignore';

// A CommonJS module whose `module.exports.default` is itself: the same call under Node ESM, ts-jest and the bundle.
const createIgnore = dockerignore.default;

/** The `.dockerignore` BuildKit would use for this Dockerfile and context, or undefined when none exists. */
export function findDockerignore(dockerfile: string, context: string): string | undefined {
  const candidates = [
    join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`),
    join(context, '.dockerignore'),
  ];
  return candidates.find((f) => existsSync(f) && statSync(f).isFile());
}

/** The file's lines, or undefined when there is no `.dockerignore`. */
export function readDockerignore(
  dockerfile: string,
  context: string,
): { file: string; lines: string[] } | undefined {
  const file = findDockerignore(dockerfile, context);
  if (!file) return undefined;
  return { file, lines: readFileSync(file, 'utf8').split(/\r?\n/) };
}

export interface IgnoreMatcher {
  /** True when the path (relative to the context) is excluded, itself or through a parent directory. */
  excludes(path: string): boolean;
  /** The file has `!` exceptions (which make "is this excluded?" depend on the files that exist). */
  hasExceptions: boolean;
  /** The effective patterns (comments and blank lines dropped). */
  patterns: string[];
}

export function ignoreMatcher(lines: string[]): IgnoreMatcher {
  const patterns = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const ig = createIgnore().add(patterns);
  return {
    patterns,
    hasExceptions: patterns.some((p) => p.startsWith('!')),
    excludes: (path) => {
      const clean = normalizeContextPath(path);
      return clean !== '' && clean !== '.' && ig.ignores(clean);
    },
  };
}

/** `./a/../b/` -> `b`: a path in the context as Docker's matcher sees it (no leading `./` or `/`). */
export function normalizeContextPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/') || '.';
}
