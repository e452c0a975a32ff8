/**
 * Which findings a pull request brought: each of the head's findings is `existing` when the base
 * commit's Dockerfile has the same finding, else `new`. Pure: findings and models in, findings out.
 *
 * Matching is by rule, stage name and instruction text (whitespace and line continuations
 * normalised, the keyword upper-cased), never by line number: a line added above an old finding
 * must not make it new. It is a multiset match: an instruction that is in the base once and in the
 * head twice gives one existing finding and one new one (the later one, in line order). A finding
 * on no instruction (e.g. in `.dockerignore`) is matched by rule, file and message.
 */
import { instructionTextAt } from '../dockerfile/instruction-text.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import { findingLines, type Finding, type FindingBaseline, type FindingsBaseline } from '../model.js';

export { normalizeInstruction } from '../dockerfile/instruction-text.js';

export interface LintedFile {
  model: DockerfileModel;
  findings: Finding[];
}

/** The instruction a 1-based line belongs to, as text and with its stage's name (if it has one). */
function instructionAt(model: DockerfileModel, line: number): { stage: string; text: string } | undefined {
  const at = instructionTextAt(model, line);
  if (!at) return undefined;
  return { stage: model.graph.stages[at.stage]?.name?.toLowerCase() ?? '', text: at.text };
}

/** What a finding is matched by: the same key in base and head is the same finding. */
export function findingKey(finding: Finding, model: DockerfileModel): string {
  const at = finding.file === model.file ? instructionAt(model, finding.line) : undefined;
  if (!at) return JSON.stringify(['file', finding.rule, finding.file, finding.message]);
  return JSON.stringify(['instruction', finding.rule, at.stage, at.text]);
}

/**
 * The head's findings, each marked `new` or `existing` against the base's; with no base (a push, no
 * base commit, or a base without this Dockerfile) every one is new. A finding said once for repeats
 * (`alsoAt`) counts once per line it stands for, in both files: when the base has fewer of them, the
 * finding is split into its existing lines (the first ones) and its new ones.
 */
export function markBaseline(head: LintedFile, base: LintedFile | undefined): Finding[] {
  const available = new Map<string, number>();
  if (base) {
    for (const f of base.findings) {
      const key = findingKey(f, base.model);
      available.set(key, (available.get(key) ?? 0) + findingLines(f).length);
    }
  }
  const inLineOrder = head.findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => a.finding.line - b.finding.line || a.index - b.index);
  const marked = new Map<number, Finding[]>();
  for (const { finding, index } of inLineOrder) {
    const key = findingKey(finding, head.model);
    const lines = findingLines(finding);
    const left = available.get(key) ?? 0;
    const existing = Math.min(left, lines.length);
    if (left > 0) available.set(key, left - existing);
    marked.set(index, [
      ...(existing > 0 ? [atLines(finding, lines.slice(0, existing), 'existing', head.model)] : []),
      ...(existing < lines.length ? [atLines(finding, lines.slice(existing), 'new', head.model)] : []),
    ]);
  }
  return head.findings.flatMap((f, i) => marked.get(i) ?? [{ ...f, baseline: 'new' }]);
}

/** The finding at the first of `lines` (the others its repeats), marked. */
function atLines(
  finding: Finding,
  lines: number[],
  baseline: FindingBaseline,
  model: DockerfileModel,
): Finding {
  const [line, ...rest] = lines as [number, ...number[]];
  const one: Finding = { ...finding, baseline };
  delete one.alsoAt;
  if (rest.length > 0) one.alsoAt = rest;
  if (line !== finding.line) {
    delete one.column;
    one.line = line;
    one.endLine = model.instructions.find((i) => i.line === line)?.endLine ?? line;
  }
  return one;
}

/** The counts the report keeps, with the base commit compared or why nothing was. */
export function baselineSummary(
  findings: Finding[],
  compared: { sha: string } | { reason: string },
): FindingsBaseline {
  const existing = findings.filter((f) => f.baseline === 'existing').length;
  return { ...compared, new: findings.length - existing, existing };
}
