import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathsOutsideWorkspace } from '../../../src/build/workspace-paths.js';

describe('pathsOutsideWorkspace', () => {
  const root = mkdtempSync(join(tmpdir(), 'stagegate-paths-'));
  const ws = join(root, 'ws');
  mkdirSync(join(ws, 'app'), { recursive: true });
  mkdirSync(join(root, 'elsewhere'));
  symlinkSync(join(root, 'elsewhere'), join(ws, 'link-out'));

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('accepts paths inside the workspace, relative or absolute', () => {
    expect(pathsOutsideWorkspace({ context: '.', file: 'app/Dockerfile' }, ws)).toEqual([]);
    expect(pathsOutsideWorkspace({ context: join(ws, 'app'), file: './app/../app/Dockerfile' }, ws)).toEqual(
      [],
    );
  });

  it('refuses ../, absolute paths elsewhere and symlinks out, naming the input, where it leads and the fix', () => {
    const problems = pathsOutsideWorkspace({ context: '../elsewhere', file: 'link-out/Dockerfile' }, ws);
    expect(problems).toEqual([
      `Input 'context' is '../elsewhere', which resolves to ${join(root, 'elsewhere')}, outside the workspace ${ws}. ` +
        "stagegate builds only what the checkout holds (the base commit from the same path in its worktree): use a path inside the workspace, relative to it (e.g. '.' or 'app').",
      expect.stringMatching(
        /^Input 'file' is 'link-out\/Dockerfile', which resolves to .*link-out\/Dockerfile \(through a symlink, .*elsewhere\/Dockerfile\), outside the workspace/,
      ),
    ]);
    expect(pathsOutsideWorkspace({ context: '/etc', file: 'Dockerfile' }, ws)).toHaveLength(1);
  });
});
