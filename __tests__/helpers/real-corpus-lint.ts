/**
 * Every Dockerfile of the shared corpus's `real/` folder, linted the way `stagegate lint FILE` lints it
 * (src/cli/lint.ts): no config file, the last stage as target, `test` as test stage when there is one,
 * every named stage built. A file the loader refuses (duplicate stage names...) has no findings and says
 * why, as the CLI does. The corpus keeps no build contexts, so each file is linted as with
 * `--context <a folder holding an empty .dockerignore>` (bench/findings.mjs does exactly that): rules
 * about the context (dockerignore-missing, CopyIgnoredFile) neither fire on nor pass a folder that is
 * not the file's context. The BuildKit oracle ran the same way, on an empty context.
 *
 * Files are named relative to the corpus (`real/<name>`), as the verdicts and the BuildKit oracle name
 * them. Results are computed once per mode and shared by the tests of one jest worker.
 *
 * ShellCheck runs when it is on PATH, as it does for the CLI and the action; without it (never in CI,
 * which installs it) the `shellcheck` verdicts cannot be checked, and `shellcheckRan` says so.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { stagesFor } from '../../src/cli/lint.js';
import { parseDockerfile } from '../../src/dockerfile/load.js';
import { UserError } from '../../src/errors.js';
import { loadLintSetup, runLint } from '../../src/rules/lint.js';
import { allRules } from '../../src/rules/registry.js';
import { findShellcheck, systemShellcheck } from '../../src/seams/shellcheck.js';
import type { Finding } from '../../src/rules/types.js';
import { realDockerfiles } from './corpus.js';

export interface LintedFile {
  /** `real/<name>`. */
  file: string;
  findings: Finding[];
  /** The loader's reason when it refused the file. */
  refused?: string;
  notices: string[];
}

/**
 * `default`: the shipped defaults. `all`: every rule on, a rule that is off by default turned on at its own severity
 * (what a config turning everything on sees; compared with BuildKit's `experimental=all`).
 */
export type LintMode = 'default' | 'all';

const cache = new Map<LintMode, LintedFile[]>();

/** Whether the machine's ShellCheck is linting RUN scripts here. */
export const shellcheckRan = findShellcheck() !== undefined;
const shellcheck = shellcheckRan ? systemShellcheck() : undefined;

/** The rules that are off by default (BuildKit's experimental checks, DL3057), turned on by name. */
function defaultOffRules(): string[] {
  return allRules.filter((r) => r.defaultOff !== undefined).map((r) => r.id);
}

function lintOne(path: string, mode: LintMode): LintedFile {
  const file = `real/${basename(path)}`;
  const setup = loadLintSetup({ context: dirname(path), file: path, cwd: dirname(path) });
  const text = readFileSync(path, 'utf8');
  try {
    const model = parseDockerfile(text, file);
    const options = {
      ...setup.options,
      dockerignore: [],
      ...stagesFor(model),
      ...(mode === 'all' ? { enabled: defaultOffRules() } : {}),
      shellcheck,
    };
    const { findings, notices } = runLint(model, options);
    return { file, findings, notices };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { file, findings: [], refused: err.message, notices: [] };
  }
}

export function lintRealCorpus(mode: LintMode = 'default'): LintedFile[] {
  let linted = cache.get(mode);
  if (!linted) {
    linted = realDockerfiles().map((path) => lintOne(path, mode));
    cache.set(mode, linted);
  }
  return linted;
}
