/**
 * The base commit, checked out beside the workspace: found (fetched when a shallow or single-branch
 * checkout lacks it), added as a detached `git worktree` in a temporary directory, always removed.
 * Every git command goes through the engine seam.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine, RunResult } from '../seams/engine.js';
import { runnerTempDir } from '../seams/runner-temp.js';

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** git's own words for a failure: its `fatal:`/`error:` lines when it printed some, else its last lines. */
const why = (r: RunResult): string => {
  const lines = (r.stderr || r.tail.join('\n'))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const own = lines.filter((l) => /^(fatal|error):/.test(l));
  return (own.length ? own : lines.slice(-3)).join(' ');
};

async function git(engine: Engine, cwd: string, args: string[]): Promise<RunResult> {
  return engine.run('git', args, { cwd, tailLines: 20, env: { GIT_TERMINAL_PROMPT: '0' } });
}

async function commitOf(engine: Engine, cwd: string, rev: string): Promise<string | undefined> {
  const r = await git(engine, cwd, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${rev}^{commit}`,
  ]);
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** The repository's top directory, seen from `cwd`. */
export async function repositoryRoot(engine: Engine, cwd: string): Promise<string> {
  const r = await git(engine, cwd, ['rev-parse', '--show-toplevel']);
  if (r.exitCode !== 0) throw new GitError(`${cwd} is not inside a git checkout: ${why(r)}`);
  return r.stdout.trim();
}

/**
 * The commit a sha or ref names, fetching it from `origin` when the checkout does not have it
 * (actions/checkout clones one commit deep by default). Names tried locally: the ref itself, then
 * `origin/<ref>` (a branch other than the checked-out one).
 */
export async function resolveCommit(engine: Engine, repo: string, rev: string): Promise<string> {
  if (rev.startsWith('-')) throw new GitError(`'${rev}' is not a commit or ref name.`);
  const local = (await commitOf(engine, repo, rev)) ?? (await commitOf(engine, repo, `origin/${rev}`));
  if (local) return local;
  const fetched = await git(engine, repo, ['fetch', '--no-tags', '--depth=1', 'origin', rev]);
  if (fetched.exitCode !== 0) {
    throw new GitError(
      `The base commit ${rev} is not in the checkout and 'git fetch --depth=1 origin ${rev}' failed: ${why(fetched)}`,
    );
  }
  const sha = /^[0-9a-f]{40}$/.test(rev)
    ? await commitOf(engine, repo, rev)
    : await commitOf(engine, repo, 'FETCH_HEAD');
  if (!sha) throw new GitError(`Fetched ${rev} from origin, but it does not name a commit.`);
  return sha;
}

/** A file's text at a commit (`git show SHA:PATH`, PATH relative to the repository root), if it has one. */
export async function fileAtCommit(
  engine: Engine,
  repo: string,
  sha: string,
  path: string,
): Promise<string | undefined> {
  const r = await git(engine, repo, ['show', `${sha}:${path.split('\\').join('/')}`]);
  return r.exitCode === 0 ? r.stdout : undefined;
}

/** A commit's parents, first parent first (`git rev-list --parents -n 1`); [] when git cannot tell. */
export async function parentsOf(engine: Engine, repo: string, rev: string): Promise<string[]> {
  const r = await git(engine, repo, ['rev-list', '--parents', '-n', '1', '--end-of-options', rev]);
  if (r.exitCode !== 0) return [];
  return r.stdout.trim().split(/\s+/).slice(1);
}

/**
 * Checks out the submodules the worktree's commit records, when it has any: without them a Dockerfile
 * that copies submodule content would build a base without it, and the size change would be bogus.
 * Authentication is the checkout's (the worktree shares the repository's config).
 */
async function checkOutSubmodules(engine: Engine, dir: string): Promise<void> {
  if (!existsSync(join(dir, '.gitmodules'))) return;
  const r = await git(engine, dir, ['submodule', 'update', '--init', '--recursive']);
  if (r.exitCode !== 0)
    throw new GitError(
      `The base commit has submodules, and 'git submodule update --init --recursive' failed in its worktree: ${why(r)}`,
    );
}

/**
 * Checks out `sha` in a temporary worktree (with its submodules), runs `fn` there, and removes the
 * worktree whatever happens.
 */
export async function withWorktree<T>(
  engine: Engine,
  repo: string,
  sha: string,
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const parent = runnerTempDir('stagegate-base-');
  const dir = join(parent, 'worktree');
  try {
    const added = await git(engine, repo, ['worktree', 'add', '--detach', dir, sha]);
    if (added.exitCode !== 0) throw new GitError(`Could not check out the base commit ${sha}: ${why(added)}`);
    await checkOutSubmodules(engine, dir);
    return await fn(dir);
  } finally {
    await git(engine, repo, ['worktree', 'remove', '--force', dir]);
    rmSync(parent, { recursive: true, force: true });
    await git(engine, repo, ['worktree', 'prune']);
  }
}
