/**
 * A rule's repeated findings said once: findings of one rule in one stage, on instructions of the same
 * text (normalised as the baseline normalises it: whitespace and continuations aside, keyword
 * upper-cased), with the same severity and message, are one finding at the first line, the other
 * lines in `alsoAt`. A file that declares `ARG AWS_SECRET_ACCESS_KEY=…` thirty times has one problem
 * to fix, written thirty times. Findings on no instruction (the `.dockerignore`) are kept as they are.
 */
import { instructionTextAt } from '../dockerfile/instruction-text.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import type { Finding } from './types.js';

/** `findings` in line order in, the same order out, each repeat folded into its first. */
export function collapseRepeated(findings: Finding[], model: DockerfileModel): Finding[] {
  const firsts = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const at = f.file === model.file ? instructionTextAt(model, f.line) : undefined;
    const key = at && JSON.stringify([f.rule, at.stage, at.text, f.severity, f.message]);
    const first = key === undefined ? undefined : firsts.get(key);
    if (first) {
      first.alsoAt = [...(first.alsoAt ?? []), f.line];
      continue;
    }
    const kept = { ...f };
    if (key !== undefined) firsts.set(key, kept);
    out.push(kept);
  }
  return out;
}
