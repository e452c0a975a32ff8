/**
 * The runner's temporary folder: RUNNER_TEMP, which the runner empties after each job, else the
 * system's (the CLI, a local run). Build files, base-commit worktrees and reports are written there.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const runnerTemp = (): string => process.env.RUNNER_TEMP || tmpdir();

/** A new folder in the runner's temporary folder, named `<prefix>` and six random characters. */
export const runnerTempDir = (prefix: string): string => mkdtempSync(join(runnerTemp(), prefix));
