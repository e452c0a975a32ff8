/**
 * The report as Markdown, for the sticky PR comment and the job summary. A reviewer should get the
 * verdict from the headline in ten seconds; tables follow, and everything long sits in collapsed
 * `<details>` blocks that are the first to go when the text must fit GitHub's limits.
 * Every user-controlled string passes through ./escape.ts.
 */
import type { Finding, Severity } from '../rules/types.js';
import { findingsFailingOn, SEVERITIES } from '../rules/types.js';
import { judgedFindings, moreLinesText } from '../model.js';
import { clip, code, codeBlock, escapeText, htmlCode, link, richText } from './escape.js';
import {
  formatBytes,
  formatChange,
  formatDuration,
  formatPercent,
  formatSignedBytes,
  plural,
} from './format.js';
import type { LayerDelta, LayerInfo, Report, StageBuild, StageInfo } from '../model.js';
import { ANNOTATIONS_PER_LEVEL, MARKDOWN_ROWS } from '../limits.js';
import { jobAnnotations } from './annotations.js';
import { contentsSections } from './contents.js';
import { layerChart } from './chart.js';
import { details, instructionCell, lineLink, table } from './markdown-parts.js';
import { fitSections, type Section, type TrimOutcome } from './trim.js';

export interface MarkdownOptions {
  /** Character limit (comments); the text is trimmed to fit. */
  maxChars?: number;
  /** Byte limit (job summary); the text is trimmed to fit. */
  maxBytes?: number;
  /** Where the reader finds what trimming cut, as Markdown, e.g. "the job summary of this run". */
  fullReportHint?: string;
  /** The limit as the note names it, e.g. "GitHub's 65,536-character comment limit". */
  limitName?: string;
  /** List every finding (the job summary); by default info and style ones are only counted. */
  allFindings?: boolean;
}

const SEVERITY_LABEL: Record<Severity, { icon: string; one: string; many: string }> = {
  error: { icon: '❌', one: 'error', many: 'errors' },
  warning: { icon: '⚠️', one: 'warning', many: 'warnings' },
  info: { icon: 'ℹ️', one: 'info', many: 'info' },
  style: { icon: '💅', one: 'style', many: 'style' },
};

const TEST_LABEL = {
  passed: '✅ passed',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
  error: '⚠️ no verdict',
} as const;

const { logLines: LOG_LINES, layers: LAYER_ROWS, waste: WASTE_ROWS, findings: FINDING_ROWS } = MARKDOWN_ROWS;

function findingCounts(findings: Finding[]): string {
  if (findings.length === 0) return '✅ none';
  return SEVERITIES.filter((s) => findings.some((f) => f.severity === s))
    .map((s) => {
      const n = findings.filter((f) => f.severity === s).length;
      const l = SEVERITY_LABEL[s];
      return `${l.icon} ${n} ${n === 1 ? l.one : l.many}`;
    })
    .join(' · ');
}

/** The headline's count, with how many are new when the base commit has some of them. */
function findingsCell(report: Report): string {
  const counts = findingCounts(report.findings);
  const b = report.findingsBaseline;
  return b?.sha !== undefined && b.existing > 0 ? `${counts} (🆕 ${b.new} new)` : counts;
}

function stageDisplayName(report: Report, stage: string): string {
  const info = report.stages.find((s) => s.name === stage || String(s.index) === stage);
  return info
    ? lineLink(report, code(stage, { inTable: true, maxLength: 80 }), info.line)
    : code(stage, { inTable: true });
}

// ---------------------------------------------------------------- headline

function sizeCell(report: Report, which: 'size' | 'compressedSize'): string {
  if (!report.image) return 'not measured';
  const value = `**${formatBytes(report.image[which])}**`;
  const d = report.delta;
  if (!d || report.base.status !== 'compared') return value;
  const bytes = which === 'size' ? d.size : d.compressedSize;
  const pct = which === 'size' ? d.sizePercent : d.compressedPercent;
  if (d.unchanged) return `${value} (unchanged)`;
  const trend = bytes > 0 ? ' 📈' : bytes < 0 ? ' 📉' : '';
  return `${value} (${formatChange(bytes, pct)}${trend})`;
}

function budgetCell(report: Report): string {
  if (report.budgets.length === 0) return '—';
  const failed = report.budgets.filter((b) => !b.passed).length;
  if (failed) return `❌ ${failed} exceeded`;
  if (uncheckedBudgets(report).length) return '⚠️ not checked';
  return report.budgets.every((b) => b.skipped) ? '⏭️ not checked' : '✅ within';
}

function baseLine(report: Report): string {
  const b = report.base;
  const ref = b.ref ? ` ${code(b.ref, { maxLength: 80 })}` : '';
  const sha = b.sha ? ` at ${code(b.sha.slice(0, 12))}` : '';
  const msg = b.message ? `: ${escapeText(b.message, 300)}` : '';
  switch (b.status) {
    case 'compared': {
      if (!b.image) return `Compared with the base commit${ref}${sha}.`;
      const from = b.source === 'cache' ? ' (base report from cache)' : '';
      return `Compared with the base commit${ref}${sha}: ${formatBytes(b.image.size)} on disk, ${formatBytes(
        b.image.compressedSize,
      )} compressed${from}.`;
    }
    case 'new-image':
      return `🆕 New image: the base commit${ref}${sha} does not build this target${msg || '.'}`;
    case 'failed':
      return `⚠️ No size comparison: the base commit${ref}${sha} failed to build${msg || '.'}`;
    case 'disabled':
      return `No size comparison${msg || ' (comparison is off, or this run is not for a pull request).'}`;
  }
}

/**
 * Whose change it is: when the base image itself changed (a new digest for the same FROM, or another
 * FROM), how much of the size change it brought, apart from this PR's own instructions.
 */
function baseImageReason(report: Report): string {
  const d = report.delta;
  if (!d?.baseImageChanged || report.base.status !== 'compared') return '';
  const row = d.layers.find((l) => l.baseImage !== undefined);
  const fromBase = row?.delta ?? 0;
  const own = d.layers.filter((l) => l.baseImage === undefined).reduce((t, l) => t + l.delta, 0);
  const fromTo = row?.createdBy.replace(/^base image /, '') ?? '';
  const which = fromTo.includes(' -> ')
    ? `The base image changed (${code(fromTo, { maxLength: 160 })})`
    : `The base image ${code(row?.baseImage ?? fromTo, { maxLength: 120 })} changed (new layers under the same FROM)`;
  return `↪️ ${which}: **${formatSignedBytes(fromBase)}** of the change comes from it, **${formatSignedBytes(own)}** from this PR's own instructions.`;
}

/**
 * Budgets that could not be checked although the user set them and something went wrong: the base
 * failed to build, or the image was not measured. Never a pass; a new image (nothing to compare
 * with) is not a problem.
 */
function uncheckedBudgets(report: Report): Report['budgets'] {
  return report.budgets.filter(
    (b) => b.skipped && (b.name === 'max-size' || report.base.status === 'failed'),
  );
}

/** What the headline warns about without failing the step. */
function warnings(report: Report): string[] {
  return uncheckedBudgets(report).map(
    (b) =>
      `⚠️ Budget ${code(b.name)} (${escapeText(b.limit, 40)}) was not checked: ${escapeText(b.message, 300)}`,
  );
}

function testProblem(report: Report): string | undefined {
  const t = report.test;
  const stage = t.stage ? ` ${stageDisplayName(report, t.stage)}` : '';
  if (t.result === 'error')
    return `⚠️ Test stage${stage}: no verdict${t.reason ? `, ${escapeText(t.reason, 300)}` : ''} (not a test failure).`;
  if (t.result !== 'failed') return undefined;
  const step = t.failedStep;
  let what = '';
  if (step) {
    const cmd = code(step.command, { maxLength: 120 });
    const where = step.line ? ` (${lineLink(report, `line ${step.line}`, step.line)})` : '';
    const exit = step.exitCode !== undefined ? ` exited with ${step.exitCode}` : ' failed';
    what = step.kind === 'run' ? `: running the image (${cmd})${exit}` : `: ${cmd}${where}${exit}`;
  }
  return `❌ Test stage${stage} failed${what}.${t.reason ? ` ${escapeText(t.reason, 300)}` : ''}`;
}

function problems(report: Report): string[] {
  const out: string[] = [];
  const t = report.test;
  // A test that fails while building its stage is reported once, as the failed test.
  const testFailed = (stage: string): boolean => t.result === 'failed' && t.stage === stage;
  for (const b of report.builds.filter((x) => x.status === 'failed' && !testFailed(x.stage))) {
    out.push(`❌ Stage ${stageDisplayName(report, b.stage)} failed to build.`);
  }
  const test = testProblem(report);
  if (test) out.push(test);
  const failing = findingsFailingOn(judgedOf(report), report.failOn);
  if (failing.length) {
    const which = report.findingsBaseline?.sha !== undefined && !report.failOnExistingFindings ? 'new ' : '';
    out.push(
      `❌ ${plural(failing.length, `${which}finding`)} at or above ${code(`fail-on: ${report.failOn}`)}.`,
    );
  }
  for (const b of report.budgets.filter((x) => !x.passed)) {
    out.push(
      `❌ Budget ${code(b.name)} (${escapeText(b.limit, 40)}) exceeded: ${escapeText(b.message, 300)}`,
    );
  }
  for (const e of report.errors) {
    out.push(`⚠️ ${escapeText(e.step, 40)}: ${escapeText(e.message, 500)}`);
  }
  return out;
}

/** Findings are only meaningful when the Dockerfile loaded and the linter ran. */
function lintRan(report: Report): boolean {
  return (
    report.stages.length > 0 && !report.errors.some((e) => e.step === 'dockerfile' || e.step === 'findings')
  );
}

function headline(report: Report): string {
  const target = report.target ? code(report.target, { maxLength: 80 }) : '(no target)';
  const title = `### stagegate · ${target} · ${code(report.dockerfile, { maxLength: 200 })}`;
  const issues = problems(report);
  const cautions = warnings(report);
  const verdict = issues.length
    ? '❌ **Needs attention**'
    : cautions.length
      ? '⚠️ **Passed, but not everything was checked**'
      : '✅ **All checks passed**';
  const summary = table(
    ['Size on disk', 'Compressed', 'Test', 'Findings', 'Budgets'],
    [
      [
        sizeCell(report, 'size'),
        sizeCell(report, 'compressedSize'),
        testCell(report),
        lintRan(report) ? findingsCell(report) : '— (not linted)',
        budgetCell(report),
      ],
    ],
  );
  const reason = baseImageReason(report);
  const parts = [title, verdict, summary, baseLine(report), ...(reason ? [reason] : [])];
  const listed = [...issues, ...cautions];
  if (listed.length) parts.push(listed.map((i) => `- ${i}`).join('\n'));
  return parts.join('\n\n');
}

function testCell(report: Report): string {
  const t = report.test;
  const label = TEST_LABEL[t.result] ?? escapeText(String(t.result), 20);
  return t.stage ? `${label} (${code(t.stage, { inTable: true, maxLength: 60 })})` : label;
}

// ---------------------------------------------------------------- tables

const ROLE_LABEL: Record<StageInfo['role'], string> = {
  target: 'target',
  test: 'test',
  stage: 'built',
  unbuilt: 'not built',
};

function buildResult(b: StageBuild | undefined): string {
  if (!b) return '—';
  if (b.status === 'built') return '✅ built';
  if (b.status === 'failed') return '❌ failed';
  return `⏭️ skipped${b.reason ? `: ${escapeText(b.reason, 120)}` : ''}`;
}

function stageRow(report: Report, s: StageInfo, b: StageBuild | undefined): string[] {
  const label = s.name ?? String(s.index);
  const isTarget = s.role === 'target';
  const size = b?.size ?? (isTarget ? report.image?.size : undefined);
  const layers = b?.layers ?? (isTarget ? report.image?.layers.length : undefined);
  const base = s.base.startsWith('stage:')
    ? `stage ${code(s.base.slice('stage:'.length), { inTable: true, maxLength: 60 })}`
    : code(s.base, { inTable: true, maxLength: 80 });
  return [
    lineLink(report, code(label, { inTable: true, maxLength: 80 }), s.line),
    ROLE_LABEL[s.role] ?? '',
    base,
    buildResult(b),
    size !== undefined ? formatBytes(size) : '—',
    layers !== undefined ? String(layers) : '—',
    b && b.status !== 'skipped' ? formatDuration(b.durationMs) : '—',
    b && b.status === 'built' ? (b.cached ? 'yes' : 'no') : '—',
  ];
}

const STAGE_HEADER = ['Stage', 'Role', 'Base', 'Result', 'Size', 'Layers', 'Build time', 'Cached'];

/** The stage table in full, then (when it alone is too long) only the stages stagegate built. */
function stagesVariants(report: Report): string[] {
  if (report.stages.length === 0 && report.builds.length === 0) return [];
  const byName = new Map(report.builds.map((b) => [b.stage, b]));
  const rows = report.stages.map((s) => {
    const b = byName.get(s.name ?? String(s.index));
    return { s, b, row: stageRow(report, s, b) };
  });
  const listed = new Set(report.stages.map((s) => s.name ?? String(s.index)));
  // Builds for stages the model does not list (it failed to load) still deserve a row.
  const orphans = report.builds
    .filter((b) => !listed.has(b.stage))
    .map((b) => [
      code(b.stage, { inTable: true, maxLength: 80 }),
      '',
      '',
      buildResult(b),
      b.size !== undefined ? formatBytes(b.size) : '—',
      b.layers !== undefined ? String(b.layers) : '—',
      b.status !== 'skipped' ? formatDuration(b.durationMs) : '—',
      b.status === 'built' ? (b.cached ? 'yes' : 'no') : '—',
    ]);
  const full = `#### Stages\n\n${table(STAGE_HEADER, [...rows.map((r) => r.row), ...orphans])}`;
  const unbuilt = rows.filter((r) => r.s.role === 'unbuilt' && !r.b);
  if (unbuilt.length === 0) return [full];
  const names = unbuilt
    .slice(0, MARKDOWN_ROWS.unbuiltStageNames)
    .map((r) => code(r.s.name ?? String(r.s.index), { maxLength: 60 }));
  const more = unbuilt.length > names.length ? `, …` : '';
  const compact =
    `#### Stages\n\n${table(STAGE_HEADER, [...rows.filter((r) => !unbuilt.includes(r)).map((r) => r.row), ...orphans])}` +
    `\n\n…and ${plural(unbuilt.length, 'stage')} stagegate did not build: ${names.join(', ')}${more}`;
  return [full, compact];
}

function budgetsTable(report: Report): string {
  if (report.budgets.length === 0) return '';
  const rows = report.budgets.map((b) => [
    code(b.name, { inTable: true }),
    escapeText(b.limit, 40),
    b.unit === 'percent' ? measuredPercent(b.measured) : formatSignedOrPlain(b),
    b.skipped
      ? `⏭️ not checked: ${escapeText(b.message, 200)}`
      : b.passed
        ? '✅ within'
        : `❌ ${escapeText(b.message, 200)}`,
  ]);
  return `#### Budgets\n\n${table(['Budget', 'Limit', 'Measured', 'Result'], rows)}`;
}

/** A percent budget's figure; growth from a 0-byte base is infinite (null once written as JSON). */
function measuredPercent(measured: number | null): string {
  if (measured === null || measured === Infinity) return 'from 0 B';
  return formatPercent(measured) || '—';
}

function formatSignedOrPlain(b: Report['budgets'][number]): string {
  return b.name === 'max-size-increase' ? formatSignedBytes(b.measured) : formatBytes(b.measured);
}

// ---------------------------------------------------------------- details

function layerVariants(report: Report): string[] {
  const delta = report.delta;
  if (delta && report.base.status === 'compared') {
    const changed = delta.layers
      .filter((l) => l.change !== 'unchanged')
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
    if (changed.length === 0) return [];
    return LAYER_ROWS.map((n) => {
      const shown = changed.slice(0, n);
      const rows = shown.map((l: LayerDelta) => [
        changeLabel(l),
        l.baseSize !== undefined ? formatBytes(l.baseSize) : '—',
        l.headSize !== undefined ? formatBytes(l.headSize) : '—',
        `**${formatSignedBytes(l.delta)}**`,
        instructionCell(report, l.instruction, l.createdBy, l.baseImage),
      ]);
      const more =
        changed.length > shown.length
          ? `\n\n…and ${plural(changed.length - shown.length, 'more changed layer')}.`
          : '';
      return details(
        `Layers that changed most (${shown.length} of ${changed.length})`,
        table(['Change', 'Base', 'This PR', 'Δ', 'Instruction'], rows) + more,
      );
    });
  }
  const layers = report.image?.layers ?? [];
  if (layers.length === 0) return [];
  const biggest = [...layers].sort((a, b) => b.size - a.size);
  return LAYER_ROWS.map((n) => {
    const shown = biggest.slice(0, n);
    const rows = shown.map((l: LayerInfo) => [
      formatBytes(l.size),
      formatBytes(l.compressedSize),
      instructionCell(report, l.instruction, l.createdBy, l.baseImage),
    ]);
    return details(
      `Largest layers (${shown.length} of ${layers.length})`,
      table(['Size', 'Compressed', 'Instruction'], rows),
    );
  });
}

function changeLabel(l: LayerDelta): string {
  switch (l.change) {
    case 'added':
      return '🆕 added';
    case 'removed':
      return '🗑️ removed';
    case 'grew':
      return '📈 grew';
    case 'shrank':
      return '📉 shrank';
    default:
      return 'unchanged';
  }
}

function wasteVariants(report: Report): string[] {
  const waste = report.image?.waste;
  if (!waste || waste.wastedBytes <= 0) return [];
  const offenders = [...waste.offenders].sort((a, b) => b.wastedBytes - a.wastedBytes);
  const title = `Wasted space: ${formatBytes(waste.wastedBytes)} (image efficiency ${(waste.efficiency * 100).toFixed(1)}%)`;
  return WASTE_ROWS.map((n) => {
    const shown = offenders.slice(0, n);
    const rows = shown.map((o) => [
      code(o.path, { inTable: true, maxLength: 160 }),
      formatBytes(o.wastedBytes),
      String(o.count),
      o.layers.map((i) => describeLayer(report, i)).join(', '),
    ]);
    const more =
      offenders.length > shown.length
        ? `\n\n…and ${plural(offenders.length - shown.length, 'more path')}.`
        : '';
    const intro =
      'Files written by one layer and replaced or deleted by a later one still ship in the earlier layer.';
    return details(title, `${intro}\n\n${table(['Path', 'Wasted', 'Copies', 'Written by'], rows)}${more}`);
  });
}

function describeLayer(report: Report, index: number): string {
  const layer = report.image?.layers[index];
  if (!layer) return `layer ${index + 1}`;
  if (layer.instruction) return lineLink(report, `L${layer.instruction.line}`, layer.instruction.line);
  return layer.baseImage ? 'base image' : `layer ${index + 1}`;
}

/** The severities the comment lists; the others it counts in one line (the job summary lists all). */
const LISTED_SEVERITIES: readonly Severity[] = ['error', 'warning'];

/** A finding's Line, Rule and Message cells. */
function findingRow(report: Report, f: Finding): string[] {
  return [
    lineLink(report, `L${f.line}${f.endLine > f.line ? `-${f.endLine}` : ''}`, f.line, f.endLine),
    link(code(f.rule, { inTable: true, maxLength: 60 }), f.docs),
    richText(f.message, 300) + escapeText(moreLinesText(f), 200),
  ];
}

const byLine = (a: Finding, b: Finding): number => a.line - b.line || a.rule.localeCompare(b.rule);

/** One collapsed table per severity: the pull request's new findings (all, when nothing was compared). */
function newFindingBlocks(report: Report, findings: Finding[], limit: number): string[] {
  const compared = report.findingsBaseline?.sha !== undefined;
  return SEVERITIES.flatMap((s) => {
    const items = findings.filter((f) => f.severity === s).sort(byLine);
    if (items.length === 0) return [];
    const shown = items.slice(0, limit);
    const more = items.length > shown.length ? `\n\n…and ${items.length - shown.length} more.` : '';
    const l = SEVERITY_LABEL[s];
    const summary = `${l.icon} ${items.length}${compared ? ' new' : ''} ${items.length === 1 ? l.one : l.many}`;
    return [
      details(
        summary,
        table(
          ['Line', 'Rule', 'Message'],
          shown.map((f) => findingRow(report, f)),
        ) + more,
      ),
    ];
  });
}

/** The findings the base commit has too: counted, in one collapsed table after the new ones. */
function existingFindingsBlock(report: Report, findings: Finding[], limit: number): string {
  if (findings.length === 0) return '';
  const sorted = [...findings].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || byLine(a, b),
  );
  const shown = sorted.slice(0, limit);
  const rows = shown.map((f) => [SEVERITY_LABEL[f.severity].icon, ...findingRow(report, f)]);
  const more = sorted.length > shown.length ? `\n\n…and ${sorted.length - shown.length} more.` : '';
  const fails = report.failOnExistingFindings ? '' : ', and they do not fail this step';
  const summary = `📎 ${plural(findings.length, 'existing finding')} (the base commit has them too${fails})`;
  return details(summary, table(['', 'Line', 'Rule', 'Message'], rows) + more);
}

/** What the findings were compared with, when this is a pull request. */
function baselineNote(report: Report): string {
  const b = report.findingsBaseline;
  if (!b || !report.source.pullRequest) return '';
  if (b.sha === undefined)
    return `Every finding counts as new: ${escapeText(b.reason ?? 'there is no base commit', 300)}.`;
  return `Compared with the base commit's Dockerfile (${code(b.sha.slice(0, 12))}): ${b.new} new, ${b.existing} existing.`;
}

/** The comment leaves out info and style findings; this line counts them. */
function unlistedNote(report: Report, unlisted: Finding[]): string {
  if (unlisted.length === 0) return '';
  const fresh = unlisted.filter((f) => f.baseline !== 'existing').length;
  const split =
    report.findingsBaseline?.sha !== undefined && fresh < unlisted.length ? ` (${fresh} new)` : '';
  return `…and ${plural(unlisted.length, 'info/style finding')}${split}, listed in the job summary and the JSON report.`;
}

/** What the reader should know about the lint itself (ShellCheck missing), once, never a finding. */
function lintNotesText(report: Report): string | undefined {
  const notes = report.lintNotes ?? [];
  return notes.length ? notes.map((n) => `> ℹ️ ${richText(n, 300)}`).join('\n>\n') : undefined;
}

function findingsVariants(report: Report, all: boolean): string[] {
  const findings = report.findings;
  if (findings.length === 0) return [];
  const listed = all ? findings : findings.filter((f) => LISTED_SEVERITIES.includes(f.severity));
  const unlisted = all ? [] : findings.filter((f) => !LISTED_SEVERITIES.includes(f.severity));
  const fresh = listed.filter((f) => f.baseline !== 'existing');
  const existing = listed.filter((f) => f.baseline === 'existing');
  const render = (limit: number): string => {
    const blocks = [
      baselineNote(report),
      annotationNote(report),
      ...newFindingBlocks(report, fresh, limit),
      existingFindingsBlock(report, existing, limit),
      unlistedNote(report, unlisted),
    ];
    return `#### Findings\n\n${blocks.filter(Boolean).join('\n\n')}`;
  };
  const where = annotationNote(report)
    ? annotationNote(report)
    : judgedOf(report).length < findings.length
      ? 'Every new finding is also an annotation on the Dockerfile.'
      : 'Every finding is also an annotation on the Dockerfile.';
  const counts = `#### Findings\n\n${findingCounts(findings)} (the list did not fit). ${where}`;
  return [...FINDING_ROWS.map(render), counts];
}

/** The findings the step is judged on (and annotates): the new ones, unless `fail-on-existing-findings`. */
const judgedOf = (report: Report): Finding[] =>
  judgedFindings(report.findings, report.failOnExistingFindings);

/**
 * GitHub shows ANNOTATIONS_PER_LEVEL annotations of each level per step and drops the rest: when
 * stagegate had more, say how many findings are annotated and how many there are in all.
 */
function annotationNote(report: Report): string {
  const judged = judgedOf(report);
  const selection = jobAnnotations(report.errors, judged);
  if (selection.omitted === 0) return '';
  return (
    `GitHub shows at most ${ANNOTATIONS_PER_LEVEL} annotations of each kind (error, warning, notice) per step: ` +
    `${selection.findingsShown} of the ${plural(judged.length, judged.length < report.findings.length ? 'new finding' : 'finding')} are annotated on the Dockerfile ` +
    '(errors first, then by line); all of them are in this report.'
  );
}

function logVariants(report: Report): { name: string; variants: string[] }[] {
  const out: { name: string; variants: string[] }[] = [];
  for (const b of report.builds) {
    if (b.status !== 'failed' || !b.errorTail?.length) continue;
    const tail = b.errorTail;
    out.push({
      name: `the build log of stage '${clip(b.stage, 60)}'`,
      variants: LOG_LINES.filter((n, i) => i === 0 || n < tail.length).map((n) =>
        details(
          `Build log of stage ${htmlCode(b.stage, 60)} (last ${plural(Math.min(n, tail.length), 'line')})`,
          codeBlock(tail.slice(-n)),
        ),
      ),
    });
  }
  const t = report.test;
  if (t.result === 'failed' && t.logTail?.length) {
    const tail = t.logTail;
    const already = report.builds.some(
      (b) => b.status === 'failed' && b.stage === t.stage && b.errorTail?.length,
    );
    if (!already) {
      out.push({
        name: 'the test log',
        variants: LOG_LINES.filter((n, i) => i === 0 || n < tail.length).map((n) =>
          details(
            `Test log${t.stage ? ` of ${htmlCode(t.stage, 60)}` : ''} (last ${plural(Math.min(n, tail.length), 'line')})`,
            codeBlock(tail.slice(-n)),
          ),
        ),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- assembly

/** How the run built, in a few words: `buildx 0.30.1, docker-container driver, Docker 29.0.1 (containerd store)`. */
function engineLine(engine: Report['engine']): string {
  if (!engine) return '';
  const version = /v?(\d+\.\d+\.\d+\S*)/.exec(engine.buildxVersion ?? '')?.[1];
  const how =
    engine.backend === 'buildx'
      ? [`buildx${version ? ` ${version}` : ''}`, ...(engine.driver ? [`${engine.driver} driver`] : [])]
      : ['DOCKER_BUILDKIT=1 docker build'];
  const daemon = `Docker ${engine.serverVersion} (${engine.imageStore} image store)`;
  return ` · ${escapeText([...how, daemon].join(', '), 200)}`;
}

function footer(report: Report): string {
  const sha = report.source.sha ? ` at ${code(report.source.sha.slice(0, 12))}` : '';
  return `<sub>stagegate ${escapeText(report.tool?.version ?? '', 40)}${sha}${engineLine(report.engine)}</sub>`;
}

function trimNote(outcome: TrimOutcome, options: MarkdownOptions): string {
  const limit =
    options.limitName ??
    (options.maxChars !== undefined
      ? `GitHub's ${options.maxChars.toLocaleString('en-US')}-character limit`
      : `GitHub's ${Math.round((options.maxBytes ?? 0) / 1024).toLocaleString('en-US')} KiB limit`);
  const cut: string[] = [];
  if (outcome.shortened.length) cut.push(`shortened ${outcome.shortened.join(', ')}`);
  if (outcome.dropped.length) cut.push(`left out ${outcome.dropped.join(', ')}`);
  if (outcome.truncated) cut.push('cut the tables off');
  const where = options.fullReportHint ?? 'the JSON report (the `report-file` output)';
  return `> [!NOTE]\n> This report was trimmed to fit ${limit}: ${cut.join('; ')}. The full report is in ${where}.`;
}

/** Renders the report; with `maxChars`/`maxBytes` it is trimmed to fit (see ./trim.ts). */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const sections: Section[] = [
    { name: 'the headline', priority: 0, variants: [headline(report)] },
    { name: 'the stage table', priority: 0, variants: stagesVariants(report) },
    { name: 'the budget table', priority: 0, variants: [budgetsTable(report)] },
  ];
  const logs = logVariants(report);
  // Lower priority numbers survive longer: the failing log explains a red check, so it goes last.
  for (const l of logs) sections.push({ name: l.name, priority: 1, variants: l.variants });
  const chart = layerChart(report);
  if (chart) {
    // The chart is the first thing to give way, before any table shrinks (it can only go whole).
    const variants = [`#### Where the bytes went\n\n${chart}`, ''];
    sections.push({ name: 'the chart', priority: 5, variants });
  }
  const layers = layerVariants(report);
  if (layers.length) sections.push({ name: 'the layer table', priority: 3, variants: layers });
  const contents = contentsSections(report);
  if (contents.packages.length)
    sections.push({ name: 'the package changes', priority: 3, variants: contents.packages });
  if (contents.files.length)
    sections.push({ name: 'the largest files added', priority: 4, variants: contents.files });
  const waste = wasteVariants(report);
  if (waste.length) sections.push({ name: 'the wasted-space table', priority: 4, variants: waste });
  const findings = findingsVariants(report, options.allFindings ?? false);
  if (findings.length) sections.push({ name: 'the findings list', priority: 2, variants: findings });
  const notes = lintNotesText(report);
  if (notes) sections.push({ name: 'the lint notes', priority: 2, variants: [notes] });

  const limited = options.maxChars !== undefined || options.maxBytes !== undefined;
  const limit = { maxChars: options.maxChars, maxBytes: options.maxBytes };
  const { text } = fitSections(
    sections,
    limited ? limit : {},
    (outcome) => trimNote(outcome, options),
    footer(report),
  );
  return text;
}
