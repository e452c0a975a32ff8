/** The entry's relaunch with a small young generation: when it happens, and with which argv. */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NO_RELAUNCH,
  relaunchArgs,
  relaunchWithSmallYoungGeneration,
  SEMI_SPACE_FLAG,
} from '../../../src/seams/young-generation.js';

describe('relaunchArgs', () => {
  it('runs the script again with 2 MiB semi-spaces, keeping its node flags and arguments', () => {
    expect(
      relaunchArgs(['--enable-source-maps'], '/a/dist/cli.js', ['report', '--target', 'app'], {}),
    ).toEqual([SEMI_SPACE_FLAG, '--enable-source-maps', '/a/dist/cli.js', 'report', '--target', 'app']);
    expect(SEMI_SPACE_FLAG).toBe('--max-semi-space-size=2');
  });

  it('does not relaunch a process that has the flag, or was relaunched already (no loop)', () => {
    expect(relaunchArgs(['--max-semi-space-size=4'], 'x.js', [], {})).toBeUndefined();
    expect(relaunchArgs([], 'x.js', [], { [NO_RELAUNCH]: '1' })).toBeUndefined();
  });
});

describe('relaunchWithSmallYoungGeneration', () => {
  const script = join(mkdtempSync(join(tmpdir(), 'stagegate-relaunch-')), 'entry.cjs');
  writeFileSync(
    script,
    "process.exit(process.execArgv.includes('--max-semi-space-size=2') && process.env.STAGEGATE_NO_RELAUNCH === '1' ? 7 : 1)",
  );

  it("resolves to the relaunched process's exit code, the flag and the no-loop marker set", async () => {
    await expect(relaunchWithSmallYoungGeneration(script, process.execPath, [])).resolves.toBe(7);
  });

  it('resolves to undefined when the relaunch cannot start, so the job runs in this process', async () => {
    await expect(relaunchWithSmallYoungGeneration(script, '/nonexistent/node', [])).resolves.toBeUndefined();
  });
});
