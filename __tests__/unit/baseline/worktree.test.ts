import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { GitError, resolveCommit, withWorktree } from '../../../src/baseline/worktree.js';
import type { Engine, RunResult } from '../../../src/seams/engine.js';

const ok = (stdout = ''): RunResult => ({ exitCode: 0, stdout, stderr: '', tail: [] });

function recordingEngine(answer: (args: string[]) => RunResult = () => ok()) {
  const calls: string[][] = [];
  const engine: Engine = {
    async run(tool, args) {
      expect(tool).toBe('git');
      calls.push(args);
      return answer(args);
    },
    stream() {
      throw new Error('not used');
    },
  };
  return { engine, calls };
}

describe('withWorktree', () => {
  it('removes the worktree and its directory even when the work fails', async () => {
    const { engine, calls } = recordingEngine();
    let dir = '';
    await expect(
      withWorktree(engine, '/repo', 'abc', async (d) => {
        dir = d;
        throw new Error('build exploded');
      }),
    ).rejects.toThrow('build exploded');
    expect(calls[0]).toEqual(['worktree', 'add', '--detach', dir, 'abc']);
    expect(calls).toContainEqual(['worktree', 'remove', '--force', dir]);
    expect(calls[calls.length - 1]).toEqual(['worktree', 'prune']);
    expect(existsSync(dir)).toBe(false);
  });

  it('says which commit could not be checked out', async () => {
    const { engine } = recordingEngine((args) =>
      args[1] === 'add'
        ? { exitCode: 128, stdout: '', stderr: 'fatal: invalid reference: abc', tail: [] }
        : ok(),
    );
    await expect(withWorktree(engine, '/repo', 'abc', async () => 1)).rejects.toThrow(
      /Could not check out the base commit abc: fatal: invalid reference/,
    );
  });
});

describe('resolveCommit', () => {
  it('refuses a ref that would read as an option', async () => {
    const { engine, calls } = recordingEngine();
    await expect(resolveCommit(engine, '/repo', '--upload-pack=evil')).rejects.toBeInstanceOf(GitError);
    expect(calls).toEqual([]);
  });

  it('takes a fetched branch from FETCH_HEAD', async () => {
    const { engine, calls } = recordingEngine((args) => {
      if (args[0] === 'rev-parse')
        return args.includes('FETCH_HEAD^{commit}')
          ? ok('f'.repeat(40))
          : { exitCode: 1, stdout: '', stderr: '', tail: [] };
      return ok();
    });
    expect(await resolveCommit(engine, '/repo', 'release/1.x')).toBe('f'.repeat(40));
    expect(calls).toContainEqual(['fetch', '--no-tags', '--depth=1', 'origin', 'release/1.x']);
  });
});
