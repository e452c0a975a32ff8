/**
 * `context` and `file` must stay inside the workspace (GITHUB_WORKSPACE): the build reads what the
 * checkout holds, and the base commit is built from the same relative path in its own worktree, so
 * a path outside would build unrelated files on both sides. Symlinks are followed where the path
 * exists, so a link out of the checkout is refused too.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** The path with symlinks resolved as far as it exists (a missing Dockerfile under a link out still leads out). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(real(parent), basename(path));
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** What is wrong with each of `context` and `file` that leads outside `workspace`, one line each. */
export function pathsOutsideWorkspace(paths: { context: string; file: string }, workspace: string): string[] {
  const root = resolve(workspace);
  const realRoot = real(root);
  const problems: string[] = [];
  for (const name of ['context', 'file'] as const) {
    const given = paths[name];
    const absolute = resolve(root, given);
    const resolved = real(absolute);
    if (inside(root, absolute) && inside(realRoot, resolved)) continue;
    const via = resolved !== absolute ? ` (through a symlink, ${resolved})` : '';
    problems.push(
      `Input '${name}' is '${given}', which resolves to ${absolute}${via}, outside the workspace ${root}. ` +
        `stagegate builds only what the checkout holds (the base commit from the same path in its worktree): ` +
        `use a path inside the workspace, relative to it (e.g. '.' or 'app${name === 'file' ? '/Dockerfile' : ''}').`,
    );
  }
  return problems;
}
