// STUB: owned by the report work (issue 6); replace wholesale.
import type { Report } from './model.js';

export function renderMarkdown(report: Report): string {
  return `## stagegate: ${report.target ?? ''}\n`;
}
