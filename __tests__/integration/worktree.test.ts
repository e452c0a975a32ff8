/**
 * The base commit's worktree with real git: a Dockerfile that copies submodule content must see that
 * content in the base build too, or the size change would count the whole submodule as growth.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentsOf, withWorktree } from '../../src/baseline/worktree.js';
import { createEngine } from '../../src/seams/engine.js';

const root = mkdtempSync(join(tmpdir(), 'stagegate-worktree-'));
const git = (cwd: string, ...args: string[]): string => {
  const r = spawnSync('git', ['-c', 'protocol.file.allow=always', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
};

describe('withWorktree on a repository with a submodule', () => {
  let repo: string;
  let sha: string;

  beforeAll(() => {
    // Local (file://) submodules are refused by default since git 2.38.1; a real one is fetched over https.
    Object.assign(process.env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'protocol.file.allow',
      GIT_CONFIG_VALUE_0: 'always',
    });
    const lib = join(root, 'lib');
    repo = join(root, 'app');
    for (const dir of [lib, repo]) {
      git(root, 'init', '-q', '-b', 'main', dir);
      git(dir, 'config', 'user.email', 'test@example.com');
      git(dir, 'config', 'user.name', 'test');
    }
    writeFileSync(join(lib, 'vendored.txt'), 'submodule content\n');
    git(lib, 'add', '.');
    git(lib, 'commit', '-qm', 'lib');
    git(repo, 'submodule', '-q', 'add', lib, 'vendor/lib');
    writeFileSync(join(repo, 'Dockerfile'), 'FROM scratch\nCOPY vendor/lib /lib\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'app with a submodule');
    sha = git(repo, 'rev-parse', 'HEAD');
  });

  afterAll(() => {
    for (const name of ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0'])
      delete process.env[name];
    rmSync(root, { recursive: true, force: true });
  });

  it("checks out the base commit's submodules in its worktree, and removes it after", async () => {
    let seen = '';
    let dir = '';
    await withWorktree(createEngine(), repo, sha, async (worktree) => {
      dir = worktree;
      seen = readFileSync(join(worktree, 'vendor/lib/vendored.txt'), 'utf8');
    });
    expect(seen).toBe('submodule content\n');
    expect(existsSync(dir)).toBe(false);
  });

  it("reads a merge commit's parents, first parent first", async () => {
    git(repo, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(repo, 'feature.txt'), 'f\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'feature');
    const feature = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', 'main');
    writeFileSync(join(repo, 'main.txt'), 'm\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'main moves on');
    const tip = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge', feature);
    expect(await parentsOf(createEngine(), repo, 'HEAD')).toEqual([tip, feature]);
    expect(await parentsOf(createEngine(), repo, tip)).toHaveLength(1);
  });
});
