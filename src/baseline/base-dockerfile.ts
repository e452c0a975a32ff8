/**
 * The base commit's Dockerfile as text, for linting it too (which findings did the pull request
 * bring?). Read with `git show` at the commit (no worktree, no build), so it works when the base
 * build is skipped (`compare: false`, no engine) or fails. Every git command goes through the engine
 * seam.
 *
 * Which commit: the one the size comparison used when it found one (so both compare with the same
 * commit, and the base is fetched once); else, when the comparison did not look for one (it is off,
 * or the job ended before building), the same choice it would make: `base-ref`, else GitHub's merge
 * base or `pull_request.base.sha`. Only on a pull request: on a push every finding is the commit's
 * own.
 *
 * A saved base report is not used for this: its findings would be those of the config of the run
 * that saved it, and one `git show` costs little.
 */
import { relative, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { BaseComparison } from '../model.js';
import { locateBase, type BaseLocating } from './compare.js';
import { fileAtCommit, GitError, repositoryRoot } from './worktree.js';

export type BaseDockerfile =
  | { status: 'read'; sha: string; text: string }
  /** The base commit has no such file: every finding is new. */
  | { status: 'absent'; sha: string }
  /** No base commit to compare with; `reason` says why. */
  | { status: 'none'; reason: string };

export interface BaseDockerfileArgs extends BaseLocating {
  /** The size comparison, when it ran (it may have found the base commit already). */
  compared?: BaseComparison;
  /** Directory `file` is relative to (default: the process's working directory). */
  cwd?: string;
}

async function commitToRead(
  args: BaseDockerfileArgs,
  cwd: string,
): Promise<{ repo: string; sha: string } | { reason: string }> {
  const { inputs, event, compared } = args;
  const pr = event.pullRequest;
  if (!pr) return { reason: 'not a pull request, so every finding is this commit’s own' };
  if (compared?.sha) return { repo: await repositoryRoot(args.engine, cwd), sha: compared.sha };
  // The size comparison looked for the base commit and found none: it said why.
  if (inputs.compare && compared)
    return { reason: compared.message ?? 'there is no base commit to compare with' };
  const wanted = inputs['base-ref'] ?? pr.baseSha;
  if (!wanted) return { reason: 'the pull request event has no base commit' };
  return locateBase(args, cwd, wanted);
}

export async function readBaseDockerfile(args: BaseDockerfileArgs): Promise<BaseDockerfile> {
  const cwd = resolve(args.cwd ?? process.cwd());
  let commit: { repo: string; sha: string } | { reason: string };
  try {
    commit = await commitToRead(args, cwd);
  } catch (err) {
    if (!(err instanceof GitError || err instanceof UserError)) throw err;
    return { status: 'none', reason: `the base commit could not be read (${err.message})` };
  }
  if ('reason' in commit) return { status: 'none', reason: commit.reason };
  const path = relative(commit.repo, resolve(cwd, args.inputs.file));
  const text = await fileAtCommit(args.engine, commit.repo, commit.sha, path);
  return text === undefined
    ? { status: 'absent', sha: commit.sha }
    : { status: 'read', sha: commit.sha, text };
}
