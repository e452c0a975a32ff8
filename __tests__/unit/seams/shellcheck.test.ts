/** The ShellCheck seam: finding the program, one process for all scripts, json1 read back per script. */
import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findShellcheck, systemShellcheck } from '../../../src/seams/shellcheck.js';

/** A stand-in `shellcheck` that logs its arguments and reports one comment on the second file. */
function fakeShellcheckDir(exitCode: number): { dir: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-fake-shellcheck-'));
  const log = join(dir, 'args.log');
  writeFileSync(
    join(dir, 'shellcheck'),
    `#!/bin/sh
echo "$@" >> ${log}
last=""; for a in "$@"; do last="$a"; done
printf '{"comments":[{"file":"%s","line":3,"endLine":3,"column":1,"endColumn":2,"level":"info","code":2086,"message":"Double quote"}]}' "$last"
exit ${exitCode}
`,
  );
  chmodSync(join(dir, 'shellcheck'), 0o755);
  return { dir, log };
}

describe('systemShellcheck', () => {
  it('runs one process for every script and hands each its own comments', () => {
    const { dir, log } = fakeShellcheckDir(1);
    const outcome = systemShellcheck(dir)(['#!/bin/sh\necho a\n', '#!/bin/sh\necho $b\n'], [2187, 1090]);
    expect(outcome).toEqual({
      ran: true,
      comments: [[], [expect.objectContaining({ line: 3, code: 2086, level: 'info' })]],
    });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^--format=json1 --norc --exclude=2187,1090 \S+run-0\.sh \S+run-1\.sh$/);
  });

  it('says why when ShellCheck is missing or fails, and never throws', () => {
    expect(findShellcheck('/nonexistent')).toBeUndefined();
    expect(systemShellcheck('/nonexistent')(['x'], [])).toEqual({
      ran: false,
      reason: 'ShellCheck (shellcheck) is not on PATH',
    });
    // Asked first, so that a lint without it prepares no script.
    expect(systemShellcheck('/nonexistent').unavailable?.()).toBe('ShellCheck (shellcheck) is not on PATH');
    const { dir } = fakeShellcheckDir(3);
    expect(systemShellcheck(dir).unavailable?.()).toBeUndefined();
    expect(systemShellcheck(dir)(['x'], [])).toEqual({
      ran: false,
      reason: expect.stringContaining('failed'),
    });
  });

  // CI installs Debian's shellcheck (.ci/run); elsewhere this runs only when it is installed.
  const real = findShellcheck();
  (real || process.env.CI === 'true' ? it : it.skip)('reads real ShellCheck output', () => {
    const outcome = systemShellcheck()(['#!/bin/sh\ncd /x\necho $1\n', '#!/bin/sh\necho ok\n'], [2187, 1090]);
    expect(outcome.ran).toBe(true);
    if (!outcome.ran) return;
    expect(outcome.comments[0].map((c) => [c.line, c.code, c.level])).toEqual([
      [2, 2164, 'warning'],
      [3, 2086, 'info'],
    ]);
    expect(outcome.comments[1]).toEqual([]);
  });
});
