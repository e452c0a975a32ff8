/**
 * Section 3: `stagegate lint` versus dockerfile-utils (`validate`, scripted) and dockerfilelint (its
 * CLI) over every file in the shared corpus's real/ folder, read in place. Each tool lints the whole
 * set in one process, as CI would run it; the three run back to back in a rotating order. Per-file
 * time is the run's wall time divided by the number of files (start-up included); the cold start is
 * one process on one file. Every tool runs on the same Node as stagegate's CLI. A fourth process only
 * parses the files with dockerfile-ast (the parser stagegate is built on) and runs no rule: the floor
 * under any linter built on it. stagegate runs with ShellCheck off PATH: the peers run no shell linter,
 * and the floor is dockerfile-ast's; what ShellCheck adds (one more process over every RUN script) is
 * timed once, on its own.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { CLI, NODE, REPO_ROOT, SCRATCH } from '../lib/projects.mjs';
import { median, timed } from '../lib/measure.mjs';

const require = createRequire(import.meta.url);
const OUT_FILE = join(SCRATCH, 'lint-output.json');
export const CORPUS = process.env.STAGEGATE_CORPUS || join(REPO_ROOT, '..', 'shared', 'corpus');

function corpusFiles() {
  const dir = join(CORPUS, 'real');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f !== 'MANIFEST.tsv')
    .sort()
    .map((f) => join(dir, f));
}

/** PATH without the folders that hold a `shellcheck`, so that stagegate's lint runs without it. */
const PATH_WITHOUT_SHELLCHECK = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && !existsSync(join(dir, 'shellcheck')))
  .join(delimiter);
const hasShellcheck = (process.env.PATH ?? '')
  .split(delimiter)
  .some((d) => d && existsSync(join(d, 'shellcheck')));

const TOOLS = {
  stagegate: {
    label: '`stagegate lint --format json` (ShellCheck off PATH)',
    argv: (files) => [CLI, 'lint', '--format', 'json', '--fail-on', 'never', ...files],
    env: { PATH: PATH_WITHOUT_SHELLCHECK },
    // Findings are the output; any exit code but a crash's is fine.
    findings: (stdout) => JSON.parse(stdout).findings.length,
  },
  'dockerfile-utils': {
    label: 'dockerfile-utils `validate` (bench/peers/dockerfile-utils-validate.mjs)',
    argv: (files) => [join(REPO_ROOT, 'bench', 'peers', 'dockerfile-utils-validate.mjs'), ...files],
    findings: (stdout) => JSON.parse(stdout).diagnostics,
  },
  'dockerfile-ast parse': {
    label: '`dockerfile-ast` parse only, no rule (the floor; bench/peers/dockerfile-ast-parse.mjs)',
    argv: (files) => [join(REPO_ROOT, 'bench', 'peers', 'dockerfile-ast-parse.mjs'), ...files],
    // No rule, no findings: the output only proves the files were parsed.
    findings: (stdout) => {
      if (!(JSON.parse(stdout).instructions > 0)) throw new Error('parsed no instruction');
      return null;
    },
  },
  dockerfilelint: {
    label: '`dockerfilelint -o json`',
    argv: (files) => [
      join(REPO_ROOT, 'node_modules', 'dockerfilelint', 'bin', 'dockerfilelint'),
      '-o',
      'json',
      ...files,
    ],
    // Its exit code is the number of issues (mod 256), so only the JSON tells success.
    findings: (stdout) => JSON.parse(stdout).totalIssues,
  },
};

async function runTool(name, files) {
  const tool = TOOLS[name];
  // Every tool's output goes to a file (see timed's stdoutFile), so all three pay the same for it.
  const r = await timed(NODE, tool.argv(files), {
    cwd: REPO_ROOT,
    rss: true,
    stdoutFile: OUT_FILE,
    ...(tool.env ? { env: tool.env } : {}),
  });
  let findings;
  try {
    findings = tool.findings(r.stdout);
  } catch {
    throw new Error(
      `${name} produced no parsable output (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  return { ms: r.ms, findings, peakRssKb: r.peakRssKb };
}

/** How many checks each tool has: stagegate's rule list, dockerfile-utils' codes, dockerfilelint's reference. */
async function ruleCounts() {
  const counts = {};
  const r = await timed(NODE, [CLI, 'rules', '--format', 'json']);
  try {
    const rules = JSON.parse(r.stdout).rules;
    counts.stagegate = rules.length;
    const aliases = rules.flatMap((x) => x.aliases ?? []);
    counts.stagegateHadolintAliases = new Set(aliases.filter((a) => /^DL\d+$/.test(a))).size;
    counts.stagegateBuildkitAliases = new Set(aliases.filter((a) => /^[A-Z][A-Za-z]+$/.test(a))).size;
  } catch {
    counts.stagegate = undefined;
  }
  const { ValidationCode } = require('dockerfile-utils');
  counts['dockerfile-ast parse'] = 0;
  counts['dockerfile-utils'] = Object.keys(ValidationCode).filter((k) => Number.isNaN(Number(k))).length;
  counts.dockerfilelint = Object.keys(require('dockerfilelint/lib/reference.js')).length;
  return counts;
}

export async function benchLint(ctx) {
  mkdirSync(SCRATCH, { recursive: true });
  let files = corpusFiles();
  if (!files.length) return { skipped: `corpus not found at ${join(CORPUS, 'real')}` };
  if (ctx.smoke) files = files.slice(0, 8);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  // Cold start: a median-sized file, so neither the tiniest nor the largest skews it.
  const one = [...files].sort((a, b) => statSync(a).size - statSync(b).size)[Math.floor(files.length / 2)];
  const names = Object.keys(TOOLS);
  const all = Object.fromEntries(names.map((n) => [n, []]));
  const cold = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < ctx.runs; i++) {
    const order = names.map((_, k) => names[(k + i) % names.length]);
    for (const name of order) all[name].push(await runTool(name, files));
    for (const name of order) cold[name].push(await runTool(name, [one]));
    ctx.log(`lint #${i + 1}: ${order.map((n) => `${n} ${all[n].at(-1).ms.toFixed(0)} ms`).join(', ')}`);
  }
  const tools = {};
  for (const name of names) {
    const ms = median(all[name].map((s) => s.ms));
    tools[name] = {
      label: TOOLS[name].label,
      ms,
      perFileMs: ms / files.length,
      coldStartMs: median(cold[name].map((s) => s.ms)),
      // What each further file costs once the process is up: (all files − one file) ÷ (files − 1).
      marginalMs: median(all[name].map((s, i) => (s.ms - cold[name][i].ms) / Math.max(1, files.length - 1))),
      findings: all[name].at(-1).findings,
      peakRssKb: median(all[name].map((s) => s.peakRssKb)),
      samples: all[name].map((s) => s.ms),
    };
  }
  // Ratio per run (side by side), then the median: stagegate's time over the peer's.
  const ratios = {};
  for (const peer of names.filter((n) => n !== 'stagegate')) {
    ratios[peer] = {
      all: median(all.stagegate.map((s, i) => s.ms / all[peer][i].ms)),
      coldStart: median(cold.stagegate.map((s, i) => s.ms / cold[peer][i].ms)),
      marginal: median(
        all.stagegate.map(
          (s, i) => (s.ms - cold.stagegate[i].ms) / Math.max(1e-9, all[peer][i].ms - cold[peer][i].ms),
        ),
      ),
    };
  }
  // The floor under every stagegate command: loading the bundle (`--version` does nothing else), next to
  // starting Node itself.
  const startup = { cli: [], node: [] };
  for (let i = 0; i < ctx.runs; i++) {
    startup.cli.push((await timed(NODE, [CLI, '--version'])).ms);
    startup.node.push((await timed(NODE, ['-e', '0'])).ms);
  }
  // What ShellCheck adds: the same lint once with it on PATH (it is seconds, not milliseconds).
  let shellcheck;
  if (hasShellcheck && !ctx.smoke) {
    const r = await timed(NODE, TOOLS.stagegate.argv(files), { cwd: REPO_ROOT, stdoutFile: OUT_FILE });
    shellcheck = { ms: r.ms, findings: JSON.parse(r.stdout).findings.length };
  }
  return {
    ...(shellcheck ? { shellcheck } : {}),
    startup: { cliVersionMs: median(startup.cli), nodeMs: median(startup.node) },
    files: files.length,
    bytes,
    coldStartFile: one.slice(CORPUS.length + 1),
    tools,
    ratios,
    rules: await ruleCounts(),
  };
}
