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
import type { DockerfileModel } from '../dockerfile/types.js';
import type { Finding, FindingsBaseline } from '../model.js';

export interface LintedFile {
  model: DockerfileModel;
  findings: Finding[];
}

/** An instruction's text as matching compares it: one line, single spaces, keyword upper-case. */
export function normalizeInstruction(text: string): string {
  const flat = text
    .replace(/\\[ \t]*\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const space = flat.indexOf(' ');
  const keyword = space < 0 ? flat : flat.slice(0, space);
  return keyword.toUpperCase() + (space < 0 ? '' : flat.slice(space));
}

/** The instruction a 1-based line belongs to, as text and with its stage's name (if it has one). */
function instructionAt(model: DockerfileModel, line: number): { stage: string; text: string } | undefined {
  const lines = model.text.split('\n');
  for (const instruction of model.instructions) {
    if (line < instruction.line || line > instruction.endLine) continue;
    const stage = model.graph.stages.find((s) => line >= s.line && line <= s.endLine);
    const text = lines.slice(instruction.line - 1, instruction.endLine).join('\n');
    return { stage: stage?.name?.toLowerCase() ?? '', text: normalizeInstruction(text) };
  }
  return undefined;
}

/** What a finding is matched by: the same key in base and head is the same finding. */
export function findingKey(finding: Finding, model: DockerfileModel): string {
  const at = finding.file === model.file ? instructionAt(model, finding.line) : undefined;
  if (!at) return JSON.stringify(['file', finding.rule, finding.file, finding.message]);
  return JSON.stringify(['instruction', finding.rule, at.stage, at.text]);
}

/**
 * The head's findings, each marked `new` or `existing` against the base's; with no base (a push, no
 * base commit, or a base without this Dockerfile) every one is new.
 */
export function markBaseline(head: LintedFile, base: LintedFile | undefined): Finding[] {
  const available = new Map<string, number>();
  if (base) {
    for (const f of base.findings) {
      const key = findingKey(f, base.model);
      available.set(key, (available.get(key) ?? 0) + 1);
    }
  }
  const inLineOrder = head.findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => a.finding.line - b.finding.line || a.index - b.index);
  const state = new Map<number, 'new' | 'existing'>();
  for (const { finding, index } of inLineOrder) {
    const key = findingKey(finding, head.model);
    const left = available.get(key) ?? 0;
    if (left > 0) available.set(key, left - 1);
    state.set(index, left > 0 ? 'existing' : 'new');
  }
  return head.findings.map((f, i) => ({ ...f, baseline: state.get(i) ?? 'new' }));
}

/** The counts the report keeps, with the base commit compared or why nothing was. */
export function baselineSummary(
  findings: Finding[],
  compared: { sha: string } | { reason: string },
): FindingsBaseline {
  const existing = findings.filter((f) => f.baseline === 'existing').length;
  return { ...compared, new: findings.length - existing, existing };
}
