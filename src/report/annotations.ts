/**
 * GitHub annotations for the job's errors and the findings, on the Dockerfile's lines. Pure: data in,
 * annotation data out; the runner seam turns them into `core.error/warning/notice`. GitHub shows at
 * most ANNOTATIONS_PER_LEVEL of each level per step, so only those are emitted (`selectAnnotations`):
 * errors first, then by file and line. The Markdown says how many there are in all.
 */
import { ANNOTATIONS_PER_LEVEL } from '../limits.js';
import { moreLinesText, type ReportError } from '../model.js';
import type { AnnotationProps } from '../seams/runner.js';
import type { Finding } from '../rules/types.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  props: AnnotationProps;
}

/** A job error as the report and its annotation know it (a file and line when it has one). */
export interface LocatedError extends ReportError {
  location?: { file: string; line?: number };
}

export interface AnnotationSelection {
  /** What to emit: what GitHub will show, in the order given. */
  shown: Annotation[];
  /** How many of each level there are in all. */
  total: Record<AnnotationLevel, number>;
  /** How many were left out because GitHub would not show them. */
  omitted: number;
}

const LEVELS: readonly AnnotationLevel[] = ['error', 'warning', 'notice'];

export function annotationsFor(findings: Finding[]): Annotation[] {
  return findings.map((f) => ({
    level: f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice',
    message: `${f.message}${moreLinesText(f)} ${f.docs}`,
    props: {
      title: `${f.rule} (${f.severity})`,
      file: f.file,
      startLine: f.line,
      endLine: f.endLine,
      // GitHub takes a column only for a one-line annotation.
      ...(f.column !== undefined && f.line === f.endLine ? { startColumn: f.column } : {}),
    },
  }));
}

export function errorAnnotations(errors: LocatedError[]): Annotation[] {
  return errors.map((e) => ({
    level: 'error',
    message: e.message,
    props: { title: `stagegate: ${e.step}`, file: e.location?.file, startLine: e.location?.line },
  }));
}

/**
 * The annotations GitHub will show: up to `perLevel` of each level, errors first, then by file and
 * line (the job's own errors, which come first in `all`, before findings on the same line).
 */
export function selectAnnotations(all: Annotation[], perLevel = ANNOTATIONS_PER_LEVEL): AnnotationSelection {
  const order = all.map((a, i) => ({ a, i }));
  order.sort(
    (x, y) =>
      LEVELS.indexOf(x.a.level) - LEVELS.indexOf(y.a.level) ||
      (x.a.props.file ?? '').localeCompare(y.a.props.file ?? '') ||
      (x.a.props.startLine ?? 0) - (y.a.props.startLine ?? 0) ||
      x.i - y.i,
  );
  const total: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  const shown: Annotation[] = [];
  for (const { a } of order) {
    total[a.level]++;
    if (total[a.level] <= perLevel) shown.push(a);
  }
  return { shown, total, omitted: all.length - shown.length };
}

/** The job's annotations, as publish emits them: its errors and the findings, selected. */
export function jobAnnotations(
  errors: LocatedError[],
  findings: Finding[],
): AnnotationSelection & { findingsShown: number } {
  const ofFindings = annotationsFor(findings);
  const selection = selectAnnotations([...errorAnnotations(errors), ...ofFindings]);
  const mine = new Set(ofFindings);
  return { ...selection, findingsShown: selection.shown.filter((a) => mine.has(a)).length };
}
