/**
 * An instruction's text as findings are compared by it: the baseline matches a head finding with the
 * base's by rule, stage and this text (src/baseline/findings.ts), and the lint engine says a rule's
 * findings on instructions of one text once (src/rules/repeated-findings.ts).
 */
import type { DockerfileModel } from './types.js';

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

/**
 * The instruction a 1-based line belongs to: its stage index (-1 before the first FROM) and its
 * normalised text, as written on its lines; undefined for a line of no instruction.
 */
export function instructionTextAt(
  model: Pick<DockerfileModel, 'text' | 'instructions'>,
  line: number,
): { stage: number; text: string } | undefined {
  const at = model.instructions.find((i) => i.line <= line && line <= i.endLine);
  if (!at) return undefined;
  const text = linesOf(model)
    .slice(at.line - 1, at.endLine)
    .join('\n');
  return { stage: at.stage, text: normalizeInstruction(text) };
}

const lineCache = new WeakMap<object, string[]>();

/** The file's lines, split once per model. */
function linesOf(model: Pick<DockerfileModel, 'text'>): string[] {
  let lines = lineCache.get(model);
  if (!lines) {
    lines = model.text.split('\n');
    lineCache.set(model, lines);
  }
  return lines;
}
