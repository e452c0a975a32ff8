/**
 * Our own shell scripts (scripts/*.sh, .ci/run, the fixtures' *.sh) start the engines CI depends on, so a flaky line there
 * turns CI red with nothing wrong in stagegate. Two checks:
 * - ShellCheck passes on each (as it does on users' RUN scripts). Skipped, saying so, without ShellCheck;
 *   in CI it fails instead (.ci/run installs it).
 * - A script under `set -o pipefail` never pipes into a reader that stops early (`grep -q`, `grep -m`,
 *   `head`): the writer's next write then gets SIGPIPE and the whole pipeline fails at random. That is how
 *   `ip addr show | grep -q … || ip addr add …` failed one CI run in ten ("Address already assigned").
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/workflows.js';

/** Every tracked *.sh (scripts, bench and example fixtures) and CI's entry point. */
const SCRIPTS = [
  ...spawnSync('git', ['ls-files', '*.sh'], { cwd: ROOT, encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean),
  '.ci/run',
];

/** `set -o pipefail`, or pipefail among `set -Eeuo pipefail`'s options. */
const SETS_PIPEFAIL = /^\s*set\s+-[A-Za-z]*o\s+pipefail\b/m;
/** A pipe into grep -q / grep -m N / head: readers that exit before their writer is done. */
const EARLY_EXIT_READER = /\|\s*(grep\s+(-[A-Za-z]*[qm]|--quiet|--silent|--max-count)|head\b)/;

/** Lines of `text` (comments dropped) that pipe into an early-exit reader, as "file:line: text". */
function earlyExitPipes(file: string, text: string): string[] {
  if (!SETS_PIPEFAIL.test(text)) return [];
  return text
    .split('\n')
    .map((line, i) => ({ line: line.replace(/(^|\s)#.*$/, ''), n: i + 1 }))
    .filter(({ line }) => EARLY_EXIT_READER.test(line))
    .map(({ line, n }) => `${file}:${n}: ${line.trim()}`);
}

describe('earlyExitPipes', () => {
  it.each([
    ['set -Eeuo pipefail\nip addr show dev x | grep -q "inet a" || ip addr add a dev x\n', 1],
    ['set -o pipefail\nfind . | head -1\n', 1],
    ['set -euo pipefail\nls | grep -m1 x\n', 1],
    ['set -euo pipefail\nls | grep x >/dev/null\n', 0],
    ['set -euo pipefail\n# ls | grep -q x is how not to do it\n', 0],
    ['set -eu\nls | grep -q x\n', 0],
  ])('%j: %i', (text, count) => {
    expect(earlyExitPipes('f.sh', text)).toHaveLength(count);
  });
});

describe("the project's shell scripts", () => {
  it('pipe into no reader that exits early under pipefail', () => {
    expect(SCRIPTS).toEqual(expect.arrayContaining(['scripts/engines.sh', 'scripts/test.sh', '.ci/run']));
    const found = SCRIPTS.flatMap((file) => earlyExitPipes(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  const missing = shellcheck.error !== undefined || shellcheck.status !== 0;
  if (missing && process.env.CI !== 'true')
    console.warn('SKIPPED ShellCheck on scripts: no shellcheck on PATH');
  (missing && process.env.CI !== 'true' ? it.skip : it)('pass ShellCheck', () => {
    const run = spawnSync('shellcheck', ['-x', ...SCRIPTS], { cwd: ROOT, encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
