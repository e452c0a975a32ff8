/** Pieces every section of the Markdown report is made of: links to lines, instruction cells, tables. */
import type { InstructionRef, Report } from '../model.js';
import { code, escapeText, link } from './escape.js';
import { lineUrl, type LinkBase } from './format.js';

export function links(report: Report): LinkBase {
  return report.source;
}

export function lineLink(report: Report, text: string, line?: number, endLine?: number): string {
  return link(text, lineUrl(links(report), report.dockerfile, line, endLine));
}

export function instructionCell(
  report: Report,
  ref: InstructionRef | undefined,
  fallback: string,
  baseImage?: string,
): string {
  if (ref) {
    const where = lineLink(report, `L${ref.line}`, ref.line);
    return `${code(ref.text, { inTable: true, maxLength: 120 })} (${escapeText(ref.stage, 60)}, ${where})`;
  }
  if (baseImage) return `base image ${code(baseImage, { inTable: true, maxLength: 120 })}`;
  return code(fallback, { inTable: true, maxLength: 120 }) || '—';
}

export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
