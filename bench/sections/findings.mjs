#!/usr/bin/env node
/**
 * Section 7, findings quality on real Dockerfiles (issue 14, "Measured, and kept"): lints every file of
 * the shared corpus's `real/` folder with the bundled CLI (`dist/cli.js lint`, default config) and
 * compares the warning and error findings with the hand-judged verdicts in
 * __tests__/fixtures/verdicts/real-corpus.tsv and the must-report list next to it: precision at
 * warning+error, the noise share, recall, verdict counts per rule.
 *
 *   node bench/run.mjs --sections findings --reuse      writes BENCHMARKS.md section 7
 *   node bench/sections/findings.mjs [--check]          prints the full report, with the rows to act on
 *                                                        in the TSV format (unjudged findings with
 *                                                        verdict `?`, judged rows no longer shown)
 *
 * --check exits 1 when a finding is unjudged, a finding judged true is gone, or precision is under
 * the target. The comparison is __tests__/helpers/verdicts.ts (transpiled here), the same code the unit
 * test __tests__/unit/rules/verdicts.test.ts runs on the sources. Needs dist/ (`npm run bundle`).
 *
 * The corpus keeps no build contexts, so each file is linted with `--context` set to an empty folder
 * holding an empty .dockerignore, and the context rules are left out of the figures.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(REPO, 'dist', 'cli.js');
const CORPUS = process.env.STAGEGATE_CORPUS || resolve(REPO, '../shared/corpus');
const FIXTURES = join(REPO, '__tests__/fixtures/verdicts');

/** __tests__/helpers/verdicts.ts as an ES module (it imports nothing). */
async function loadVerdicts(scratch) {
  const ts = createRequire(import.meta.url)('typescript');
  const source = readFileSync(join(REPO, '__tests__/helpers/verdicts.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(scratch, 'verdicts.mjs');
  writeFileSync(file, outputText);
  return import(pathToFileURL(file).href);
}

/** Lints corpus/real with dist/cli.js and compares with the verdicts: { files, v, result } or a skip. */
export async function measureFindings(corpus = CORPUS) {
  const realDir = join(corpus, 'real');
  if (!existsSync(realDir)) return { skipped: `corpus not found at ${realDir}` };
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run bundle' first`);
  const scratch = mkdtempSync(join(tmpdir(), 'stagegate-findings-'));
  const context = join(scratch, 'context');
  mkdirSync(context);
  writeFileSync(join(context, '.dockerignore'), '');
  const files = readdirSync(realDir)
    .filter((f) => f !== 'MANIFEST.tsv')
    .sort()
    .map((f) => join(realDir, f));
  const run = spawnSync(
    process.execPath,
    [CLI, 'lint', '--format', 'json', '--fail-on', 'never', '--context', context, ...files],
    { cwd: scratch, encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  if (!run.stdout) throw new Error(`stagegate lint failed: ${run.stderr}`);
  const findings = JSON.parse(run.stdout).findings.map((f) => ({ ...f, file: `real/${basename(f.file)}` }));
  const v = await loadVerdicts(scratch);
  const result = v.compare(
    findings,
    v.parseVerdicts(readFileSync(join(FIXTURES, 'real-corpus.tsv'), 'utf8')),
    v.parseMustReport(readFileSync(join(FIXTURES, 'must-report.tsv'), 'utf8')),
  );
  return { files: files.length, v, result };
}

/** The section's figures, as JSON for bench/work/results.json and the renderer. */
export async function benchFindings(ctx) {
  const m = await measureFindings();
  if (m.skipped) return m;
  const { result: r, v } = m;
  ctx?.log?.(`findings: ${r.shown} shown, precision ${(r.precision * 100).toFixed(1)}%`);
  const missedByClass = {};
  for (const line of r.recall.missed) {
    const cls = line.endsWith('(judged true)') ? 'judged true, gone' : line.split('\t')[2];
    missedByClass[cls] = (missedByClass[cls] ?? 0) + 1;
  }
  return {
    files: m.files,
    targets: v.TARGETS,
    shown: r.shown,
    counts: r.counts,
    unjudged: r.unjudged.length,
    goneTrue: r.gone.filter((g) => g.verdict === 'true').length,
    precision: r.precision,
    noiseShare: r.noiseShare,
    recall: { reported: r.recall.reported, total: r.recall.total },
    missedByClass,
    byRule: Object.fromEntries([...r.byRule.entries()].sort(([a], [b]) => a.localeCompare(b))),
    falseShown: r.falseShown.map((f) => ({ file: f.file, line: f.line, rule: f.rule, reason: f.reason })),
  };
}

async function main() {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, check: { type: 'boolean', default: false } },
  });
  const m = await measureFindings(values.corpus ?? CORPUS);
  if (m.skipped) {
    console.error(`bench/sections/findings.mjs: ${m.skipped}`);
    process.exit(2);
  }
  console.log(`${m.files} files linted by dist/cli.js`);
  console.log(m.v.formatComparison(m.result));
  if (values.check) {
    const r = m.result;
    const failed =
      r.unjudged.length > 0 ||
      r.gone.some((g) => g.verdict === 'true') ||
      r.precision < m.v.TARGETS.precision;
    process.exit(failed ? 1 : 0);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
