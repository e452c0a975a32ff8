/**
 * GitHub annotations for findings: one per finding, on the Dockerfile's lines. Pure: findings in,
 * annotation data out; the runner seam turns them into `core.error/warning/notice`.
 */
import type { AnnotationProps } from '../seams/runner.js';
import type { Finding } from '../rules/types.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  props: AnnotationProps;
}

export function annotationsFor(findings: Finding[]): Annotation[] {
  return findings.map((f) => ({
    level: f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice',
    message: `${f.message} ${f.docs}`,
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
