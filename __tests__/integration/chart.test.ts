/**
 * The comment's chart as GitHub would draw it: the ```mermaid block renderMarkdown writes, rendered
 * by the real mermaid library in headless Chromium. The picture has a bar per side per layer group,
 * labelled, each as long as its bytes; a Dockerfile with more layers than the chart has room for is
 * grouped; a screenshot is kept in a temp folder for a person to look at.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHART_GROUPS } from '../../src/limits.js';
import type { LayerDelta, Report } from '../../src/model.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { grewReport, withChanges } from '../unit/report/fixtures.js';
import { describeWithChromium, openMermaidPage, type MermaidPage } from '../helpers/chromium.js';

interface Bar {
  series: number;
  length: number;
  /** Position across the bars (y in a horizontal chart): orders them top to bottom. */
  at: number;
}

function mermaidBlock(markdown: string): string {
  const m = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  if (!m) throw new Error(`no mermaid block in:\n${markdown}`);
  return m[1];
}

async function barsOf(page: MermaidPage): Promise<{ bars: Bar[]; texts: string[] }> {
  // Browser-side code as text: this project's TypeScript has no DOM types.
  return page.page.evaluate(`(() => {
    const bars = [];
    document.querySelectorAll('#out svg g[class^="bar-plot-"]').forEach((g) => {
      const series = Number(g.getAttribute('class').replace('bar-plot-', ''));
      g.querySelectorAll('rect').forEach((r) =>
        bars.push({ series, length: Number(r.getAttribute('width')), at: Number(r.getAttribute('y')) }),
      );
    });
    const texts = [...document.querySelectorAll('#out svg text')].map((t) => t.textContent || '');
    return { bars, texts };
  })()`) as Promise<{ bars: Bar[]; texts: string[] }>;
}

function ownLayer(line: number, size: number, baseSize: number): LayerDelta {
  return {
    instruction: { stage: 'runtime', line, text: `RUN make part-${line}` },
    createdBy: `RUN /bin/sh -c make part-${line}`,
    baseSize,
    headSize: size,
    delta: size - baseSize,
    compressedDelta: 0,
    change: size === baseSize ? 'unchanged' : size > baseSize ? 'grew' : 'shrank',
  };
}

describeWithChromium('the comment chart, drawn by mermaid in Chromium', () => {
  let page: MermaidPage;
  const shots = mkdtempSync(join(tmpdir(), 'stagegate-chart-'));

  beforeAll(async () => {
    page = await openMermaidPage();
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  it('draws the base image and each own layer, base commit beside the PR, each bar as long as its bytes', async () => {
    const report = grewReport();
    const svg = await page.render(mermaidBlock(renderMarkdown(report)));
    expect(svg).toContain('aria-roledescription="xychart"');
    const { bars, texts } = await barsOf(page);
    // Labels: one per side per row of the delta.
    for (const label of ['base image · base', 'base image · PR', 'L14 COPY --from=build /out/ /app/ · PR']) {
      expect(texts).toContain(label);
    }
    expect(texts.some((t) => /MB per layer: base commit .* this PR/.test(t))).toBe(true);
    // Two series; the base series is drawn at the base rows, the PR series at the PR rows.
    const rows = report.delta!.layers.length * 2;
    expect(bars.filter((b) => b.series === 0)).toHaveLength(rows);
    expect(bars.filter((b) => b.series === 1)).toHaveLength(rows);
    const visible = bars.filter((b) => b.length > 5).sort((a, b) => a.at - b.at);
    // Rows in order: the base image (base, PR), then the COPY (base, PR); sizes from the report.
    const expected = report
      .delta!.layers.slice()
      .sort((a, b) => (a.baseImage ? -1 : b.baseImage ? 1 : 0))
      .flatMap((l) => [l.baseSize!, l.headSize!]);
    expect(visible.map((b) => b.series)).toEqual([0, 1, 0, 1]);
    const scale = visible[3].length / expected[3];
    visible.forEach((b, i) => expect(b.length / scale / expected[i]).toBeCloseTo(1, 1));
    await page.page.screenshot({ path: join(shots, 'chart.png') });
    const png = readFileSync(join(shots, 'chart.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    console.log(`chart screenshot: ${join(shots, 'chart.png')}`);
  }, 60_000);

  it('groups layers when there are too many to chart, and the layer table still lists them', async () => {
    const report: Report = withChanges(grewReport(), (r) => {
      const own = Array.from({ length: 14 }, (_, i) =>
        ownLayer(20 + i, (i + 1) * 1_000_000, (i + 1) * 900_000),
      );
      r.delta!.layers = [r.delta!.layers[1], ...own];
    });
    const markdown = renderMarkdown(report);
    await page.render(mermaidBlock(markdown));
    const { bars, texts } = await barsOf(page);
    const groups = CHART_GROUPS;
    expect(bars.filter((b) => b.series === 1)).toHaveLength(groups * 2);
    // The base image, the six largest layers, and one bar for the other eight.
    expect(texts).toContain('8 other layers · PR');
    expect(texts).toContain('L33 RUN make part-33 · PR');
    expect(texts).not.toContain('L20 RUN make part-20 · PR');
    const other = bars
      .filter((b) => b.series === 1 && b.length > 5)
      .sort((a, b) => a.at - b.at)
      .at(-1)!;
    const largest = bars.filter((b) => b.series === 1).reduce((a, b) => (b.length > a.length ? b : a));
    // The grouped bar is the sum of layers 1..8 (36 MB) against the largest single one (14 MB).
    expect(other.length / largest.length).toBeCloseTo(36 / 36, 1);
    expect(markdown).toContain('Layers that changed most (10 of 14)');
    await page.page.screenshot({ path: join(shots, 'grouped.png') });
  }, 60_000);
});
