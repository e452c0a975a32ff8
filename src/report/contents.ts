/**
 * The comment's sections on what changed inside the image: packages added, removed, upgraded and
 * downgraded (largest size change first, the first MARKDOWN_ROWS.packagesShown in view, the rest
 * collapsed), and the largest files added or grown. Fed only by the JSON report.
 */
import { MARKDOWN_ROWS } from '../limits.js';
import type { FileChange, PackageChange, Report } from '../model.js';
import { code, escapeText } from './escape.js';
import { formatBytes, formatSignedBytes, plural } from './format.js';
import { details, instructionCell, table } from './markdown-parts.js';

const CHANGE_LABEL: Record<PackageChange['change'], string> = {
  added: '🆕 added',
  removed: '🗑️ removed',
  upgraded: '⬆️ upgraded',
  downgraded: '⬇️ downgraded',
};

function packageRow(report: Report, c: PackageChange): string[] {
  const version = (v: string | undefined) =>
    v === undefined ? '—' : code(v, { inTable: true, maxLength: 60 });
  const size = c.change === 'removed' ? c.baseSize : c.headSize;
  const fromRemoved = c.change === 'removed' ? ' (base)' : '';
  return [
    CHANGE_LABEL[c.change] ?? escapeText(String(c.change), 20),
    `${code(c.name, { inTable: true, maxLength: 100 })} ${escapeText(c.ecosystem, 10)}`,
    version(c.baseVersion),
    version(c.headVersion),
    size === undefined ? '—' : formatBytes(size),
    c.sizeDelta === 0 && size === undefined ? '—' : `**${formatSignedBytes(c.sizeDelta)}**`,
    instructionCell(report, c.instruction, `layer ${c.layer + 1}${fromRemoved}`, c.baseImage),
  ];
}

const PACKAGE_HEADER = ['Change', 'Package', 'Base', 'This PR', 'Size', 'Δ', 'Brought in by'];

function packageSummary(changes: PackageChange[]): string {
  const counts = (['added', 'removed', 'upgraded', 'downgraded'] as const)
    .map((kind) => ({ kind, n: changes.filter((c) => c.change === kind).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.n} ${x.kind}`);
  return counts.join(', ');
}

function notesLine(report: Report): string {
  const notes = [
    ...new Set([...(report.image?.contents?.notes ?? []), ...(report.base.image?.contents?.notes ?? [])]),
  ];
  if (notes.length === 0) return '';
  const shown = notes.slice(0, 5).map((n) => escapeText(n, 200));
  return `\n\nNot read: ${shown.join('; ')}${notes.length > shown.length ? '; …' : ''}.`;
}

/** The package table; with `limit`, the rows past the first ones are collapsed, then cut at `limit`. */
function packageVariants(report: Report): string[] {
  const changes = report.delta?.packages;
  if (!changes || report.base.status !== 'compared') return [];
  const title = '#### Packages';
  if (changes.length === 0) {
    const n = report.image?.contents?.packages.length ?? 0;
    return [`${title}\n\nNo package changed (${plural(n, 'package')} in the image).${notesLine(report)}`];
  }
  const shownFirst = MARKDOWN_ROWS.packagesShown;
  return MARKDOWN_ROWS.packages.map((limit) => {
    const head = changes.slice(0, shownFirst);
    const rest = changes.slice(shownFirst, Math.max(shownFirst, limit));
    const cut = changes.length - head.length - rest.length;
    const main = table(
      PACKAGE_HEADER,
      head.map((c) => packageRow(report, c)),
    );
    const collapsed = rest.length
      ? `\n\n${details(
          `${plural(rest.length, 'more package change')}`,
          table(
            PACKAGE_HEADER,
            rest.map((c) => packageRow(report, c)),
          ),
        )}`
      : '';
    const more = cut > 0 ? `\n\n…and ${plural(cut, 'more package change')} (in the JSON report).` : '';
    return `${title}: ${packageSummary(changes)}\n\n${main}${collapsed}${more}${notesLine(report)}`;
  });
}

function fileRow(report: Report, f: FileChange): string[] {
  const base =
    f.baseSize !== undefined
      ? formatBytes(f.baseSize)
      : f.baseBelow !== undefined
        ? `— (or < ${formatBytes(f.baseBelow)})`
        : '—';
  return [
    code(f.path, { inTable: true, maxLength: 160 }),
    base,
    formatBytes(f.headSize),
    `**${formatSignedBytes(f.delta)}**`,
    instructionCell(report, f.instruction, `layer ${f.layer + 1}`, f.baseImage),
  ];
}

function fileVariants(report: Report): string[] {
  const files = report.delta?.files;
  if (!files?.length || report.base.status !== 'compared') return [];
  return MARKDOWN_ROWS.files.map((n) => {
    const shown = files.slice(0, n);
    const rows = shown.map((f) => fileRow(report, f));
    return details(
      `Largest files added or grown (${shown.length} of ${files.length})`,
      table(['File', 'Base', 'This PR', 'Δ', 'Written by'], rows),
    );
  });
}

export function contentsSections(report: Report): { packages: string[]; files: string[] } {
  return { packages: packageVariants(report), files: fileVariants(report) };
}
