/**
 * Hand-judged verdicts on the findings stagegate shows by default (warning and error) on the corpus's
 * real Dockerfiles, and the must-report list (issue 14, "Measured, and kept"). Pure: text and findings
 * in, a comparison out. Used by __tests__/unit/rules/verdicts.test.ts and bench/findings.mjs, which
 * print the same report.
 *
 * - `true`: right, and a reviewer wants it in the PR. `noise`: technically right, but a reviewer would
 *   not want it in a PR. `false`: wrong for this file.
 * - Context rules (CONTEXT_RULES) are not measured: the corpus has no build contexts.
 * - precision = (true + noise) / judged; noise share = noise / shown (every warning+error finding);
 *   recall = must-report problems reported / all of them. Must-report problems are every `true`
 *   verdict (reported while that finding is shown) plus the rows of must-report.tsv (reported when a
 *   shown finding of one of the row's rules is on that line).
 */

export type Verdict = 'true' | 'false' | 'noise';

export interface ShownFinding {
  /** `real/<name>`. */
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}

export interface VerdictRow {
  file: string;
  line: number;
  rule: string;
  verdict: Verdict;
  reason: string;
}

export interface MustReport {
  file: string;
  line: number;
  problemClass: string;
  /** Rule ids whose shown finding on the line counts; empty when no rule covers the class yet. */
  rules: string[];
  what: string;
}

export const TARGETS = { precision: 0.97, noiseShare: 0.25, recall: 0.9 } as const;

/**
 * Rules about the build context (its .dockerignore). The corpus keeps the Dockerfiles, not their
 * repositories, so these cannot be judged from it: they are left out of the measurement (the files are
 * linted as with an empty .dockerignore, see real-corpus-lint.ts).
 */
export const CONTEXT_RULES: ReadonlySet<string> = new Set([
  'dockerignore-missing',
  'dockerignore-incomplete',
  'copy-ignored-file',
]);

const SHOWN = new Set(['warning', 'error']);
export const isShown = (severity: string): boolean => SHOWN.has(severity);

const keyOf = (f: { file: string; line: number; rule: string }): string => `${f.file}\t${f.line}\t${f.rule}`;

function dataLines(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

export function parseVerdicts(text: string): VerdictRow[] {
  return dataLines(text).map((cols, i) => {
    const [file, line, rule, verdict, reason] = cols;
    if (!file || !rule || !['true', 'false', 'noise'].includes(verdict ?? '') || !Number(line))
      throw new Error(
        `verdict row ${i + 1} is not "file<TAB>line<TAB>rule<TAB>true|false|noise<TAB>reason": ${cols.join(' | ')}`,
      );
    return { file, line: Number(line), rule, verdict: verdict as Verdict, reason: reason ?? '' };
  });
}

export function parseMustReport(text: string): MustReport[] {
  return dataLines(text).map(([file, line, problemClass, rules, what]) => ({
    file: file ?? '',
    line: Number(line),
    problemClass: problemClass ?? '',
    rules: rules && rules !== '-' ? rules.split(',').map((r) => r.trim()) : [],
    what: what ?? '',
  }));
}

export interface Comparison {
  shown: number;
  counts: Record<Verdict, number>;
  byRule: Map<string, Record<Verdict, number>>;
  /** Shown findings nobody judged, as TSV rows ready to paste (verdict `?`). */
  unjudged: string[];
  /** Judged rows whose finding is no longer shown (a fix, a severity change, or a lost true finding). */
  gone: VerdictRow[];
  /** Findings judged false that are shown. */
  falseShown: VerdictRow[];
  precision: number;
  noiseShare: number;
  recall: { reported: number; total: number; missed: string[] };
}

function recallOf(
  verdicts: VerdictRow[],
  mustReport: MustReport[],
  shownKeys: Set<string>,
  shown: ShownFinding[],
): Comparison['recall'] {
  const trueRows = verdicts.filter((v) => v.verdict === 'true');
  const missed = trueRows.filter((v) => !shownKeys.has(keyOf(v))).map((v) => `${keyOf(v)}\t(judged true)`);
  let reported = trueRows.length - missed.length;
  for (const m of mustReport) {
    const hit = shown.some((f) => f.file === m.file && f.line === m.line && m.rules.includes(f.rule));
    if (hit) reported++;
    else missed.push(`${m.file}\t${m.line}\t${m.problemClass}\t${m.rules.join(',') || '-'}\t${m.what}`);
  }
  return { reported, total: trueRows.length + mustReport.length, missed };
}

export function compare(
  findings: ShownFinding[],
  verdicts: VerdictRow[],
  mustReport: MustReport[],
): Comparison {
  const shown = findings.filter((f) => isShown(f.severity) && !CONTEXT_RULES.has(f.rule));
  const byKey = new Map(verdicts.map((v) => [keyOf(v), v]));
  const shownKeys = new Set(shown.map(keyOf));
  const counts: Record<Verdict, number> = { true: 0, false: 0, noise: 0 };
  const byRule = new Map<string, Record<Verdict, number>>();
  const unjudged: string[] = [];
  const falseShown: VerdictRow[] = [];
  for (const f of shown) {
    const v = byKey.get(keyOf(f));
    if (!v) {
      unjudged.push(`${keyOf(f)}\t?\t${f.severity}: ${f.message}`);
      continue;
    }
    counts[v.verdict]++;
    const tally = byRule.get(f.rule) ?? { true: 0, false: 0, noise: 0 };
    tally[v.verdict]++;
    byRule.set(f.rule, tally);
    if (v.verdict === 'false') falseShown.push(v);
  }
  const judged = counts.true + counts.false + counts.noise;
  return {
    shown: shown.length,
    counts,
    byRule,
    unjudged,
    gone: verdicts.filter((v) => !shownKeys.has(keyOf(v))),
    falseShown,
    precision: judged === 0 ? 1 : (counts.true + counts.noise) / judged,
    noiseShare: shown.length === 0 ? 0 : counts.noise / shown.length,
    recall: recallOf(verdicts, mustReport, shownKeys, shown),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The report both the test and the bench print: figures, per-rule counts, and rows to act on. */
export function formatComparison(c: Comparison): string {
  const recall = c.recall.total === 0 ? 1 : c.recall.reported / c.recall.total;
  const lines = [
    `shown by default (warning+error): ${c.shown}; judged true ${c.counts.true}, noise ${c.counts.noise}, false ${c.counts.false}, unjudged ${c.unjudged.length}`,
    `precision (true+noise)/judged: ${pct(c.precision)} (target >= ${pct(TARGETS.precision)})`,
    `noise share noise/shown: ${pct(c.noiseShare)} (target <= ${pct(TARGETS.noiseShare)})`,
    `recall on must-report: ${c.recall.reported}/${c.recall.total} = ${pct(recall)} (target >= ${pct(TARGETS.recall)})`,
    'per rule (true/noise/false):',
    ...[...c.byRule.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([rule, t]) => `  ${rule}: ${t.true}/${t.noise}/${t.false}`),
  ];
  if (c.unjudged.length)
    lines.push('UNJUDGED (paste into real-corpus.tsv with a verdict and a reason):', ...c.unjudged);
  const goneTrue = c.gone.filter((v) => v.verdict === 'true');
  const goneOther = c.gone.filter((v) => v.verdict !== 'true');
  if (goneTrue.length)
    lines.push('JUDGED TRUE, NO LONGER SHOWN (a lost finding; or re-judge):', ...goneTrue.map(rowText));
  if (goneOther.length)
    lines.push('judged noise/false, no longer shown (delete these rows):', ...goneOther.map(rowText));
  if (c.falseShown.length) lines.push('judged false and shown:', ...c.falseShown.map(rowText));
  if (c.recall.missed.length) lines.push('must-report problems not reported:', ...c.recall.missed);
  return lines.join('\n');
}

export const rowText = (v: VerdictRow): string => `${keyOf(v)}\t${v.verdict}\t${v.reason}`;
