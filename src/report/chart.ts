/**
 * One picture of where the bytes went: a Mermaid bar chart (GitHub renders ```mermaid blocks in
 * comments) of the base image and each of the Dockerfile's own layers, the base commit's bar beside
 * the PR's. More layers than CHART_GROUPS are grouped (the largest keep their bar, the rest share
 * one); the layer table below the chart lists each layer either way. Pure.
 *
 * Mermaid's xychart draws the bars of two series at the same place, one over the other, so each
 * layer gets two categories, one per side, and each series is 0 on the other side's: the colours
 * tell the sides apart and neither bar hides the other.
 */
import { CHART_GROUPS } from '../limits.js';
import type { LayerDelta, LayerInfo, Report } from '../model.js';

export interface ChartBar {
  label: string;
  base?: number;
  head: number;
}

/** Mermaid's quoted labels: no quotes, brackets or line breaks, and short. */
function label(text: string): string {
  const clean = text
    .replace(/[^\p{L}\p{N} ._:/=+@,()-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > 36 ? `${clean.slice(0, 35)}…` : clean;
}

function rowLabel(row: {
  instruction?: LayerDelta['instruction'];
  baseImage?: string;
  createdBy: string;
}): string {
  if (row.baseImage) return 'base image';
  if (row.instruction) return label(`L${row.instruction.line} ${row.instruction.text}`);
  return label(row.createdBy.replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '')) || 'layer';
}

/** The bars: the base image first, then the own layers in order; the smallest grouped when too many. */
export function chartBars(report: Report): { bars: ChartBar[]; compared: boolean } {
  const compared = report.base.status === 'compared' && report.delta !== undefined;
  const rows: ChartBar[] = compared
    ? report.delta!.layers.map((l) => ({ label: rowLabel(l), base: l.baseSize ?? 0, head: l.headSize ?? 0 }))
    : headRows(report.image?.layers ?? []);
  const baseImage = rows.filter((r) => r.label === 'base image');
  const own = rows.filter((r) => r.label !== 'base image');
  const room = CHART_GROUPS - baseImage.length;
  if (own.length <= room) return { bars: [...baseImage, ...own], compared };
  const bigness = (r: ChartBar) => Math.max(r.base ?? 0, r.head);
  const keep = new Set([...own].sort((a, b) => bigness(b) - bigness(a)).slice(0, room - 1));
  const rest = own.filter((r) => !keep.has(r));
  const other: ChartBar = {
    label: `${rest.length} other layers`,
    base: rest.reduce((t, r) => t + (r.base ?? 0), 0),
    head: rest.reduce((t, r) => t + r.head, 0),
  };
  return { bars: [...baseImage, ...own.filter((r) => keep.has(r)), other], compared };
}

function headRows(layers: LayerInfo[]): ChartBar[] {
  const base = layers.filter((l) => l.baseImage !== undefined);
  const rows: ChartBar[] = base.length
    ? [{ label: 'base image', head: base.reduce((t, l) => t + l.size, 0) }]
    : [];
  for (const l of layers.filter((x) => x.baseImage === undefined))
    rows.push({ label: rowLabel(l), head: l.size });
  return rows;
}

/** Bytes in one unit for the whole chart, so every bar reads against one axis. */
function unitFor(max: number): { name: string; bytes: number } {
  if (max >= 1e9) return { name: 'GB', bytes: 1e9 };
  if (max >= 1e6) return { name: 'MB', bytes: 1e6 };
  return { name: 'kB', bytes: 1e3 };
}

const BASE_COLOUR = '#4e79a7';
const HEAD_COLOUR = '#f28e2b';

const round = (n: number) => Math.round(n * 100) / 100;

/** The ```mermaid block, or '' when there is nothing to draw. */
export function layerChart(report: Report): string {
  const { bars, compared } = chartBars(report);
  if (bars.length === 0) return '';
  const max = Math.max(...bars.flatMap((b) => [b.base ?? 0, b.head]), 1);
  const unit = unitFor(max);
  const value = (bytes: number) => round(bytes / unit.bytes);
  const quoted = (s: string) => `"${s}"`;
  const rows = compared ? bars.length * 2 : bars.length;
  // Two colours that read on GitHub's light and dark themes; a height that gives each bar room.
  const lines = [
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${BASE_COLOUR}, ${HEAD_COLOUR}"`,
    '  xyChart:',
    '    chartOrientation: horizontal',
    '    width: 900',
    `    height: ${Math.max(300, 120 + rows * 34)}`,
    '---',
    'xychart-beta',
  ];
  const axis = `  y-axis "${unit.name}" 0 --> ${Math.ceil(value(max) * 1.05 * 100) / 100}`;
  if (compared) {
    const categories = bars.flatMap((b) => [`${b.label} · base`, `${b.label} · PR`]);
    lines.push(`  title "${unit.name} per layer: base commit (blue) vs this PR (orange)"`);
    lines.push(`  x-axis [${categories.map(quoted).join(', ')}]`, axis);
    lines.push(`  bar [${bars.flatMap((b) => [value(b.base ?? 0), 0]).join(', ')}]`);
    lines.push(`  bar [${bars.flatMap((b) => [0, value(b.head)]).join(', ')}]`);
  } else {
    lines.push(`  title "${unit.name} per layer"`);
    lines.push(`  x-axis [${bars.map((b) => quoted(b.label)).join(', ')}]`, axis);
    lines.push(`  bar [${bars.map((b) => value(b.head)).join(', ')}]`);
  }
  lines.push('```');
  return lines.join('\n');
}
