/** The comment's package and file sections, its chart's grouping, and the base image's reason line. */
import { describe, expect, it } from '@jest/globals';
import { CHART_GROUPS } from '../../../src/limits.js';
import type { PackageChange, Report } from '../../../src/model.js';
import { chartBars, layerChart } from '../../../src/report/chart.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { grewReport, withChanges } from './fixtures.js';

const pkg = (i: number): PackageChange => ({
  ecosystem: 'deb',
  name: `lib${i}`,
  change: i % 3 === 0 ? 'upgraded' : 'added',
  ...(i % 3 === 0 ? { baseVersion: `1.${i}`, baseSize: 1000 } : {}),
  headVersion: `2.${i}`,
  headSize: (20 - i) * 100_000,
  sizeDelta: (20 - i) * 100_000 - (i % 3 === 0 ? 1000 : 0),
  path: '/var/lib/dpkg/status',
  layer: 1,
  instruction: { stage: 'runtime', line: 14, text: 'RUN apt-get install -y things' },
});

const withPackages = (n: number): Report =>
  withChanges(grewReport(), (r) => {
    r.delta!.packages = Array.from({ length: n }, (_, i) => pkg(i + 1));
    r.delta!.files = [
      {
        path: '/usr/lib/libbig.so',
        change: 'added',
        baseBelow: 50_000,
        headSize: 900_000,
        delta: 900_000,
        layer: 1,
        instruction: { stage: 'runtime', line: 14, text: 'RUN apt-get install -y things' },
      },
    ];
  });

describe('package changes in the comment', () => {
  it('shows the first 10, largest first, and collapses the rest', () => {
    const md = renderMarkdown(withPackages(12));
    expect(md).toContain('#### Packages: 8 added, 4 upgraded');
    const [inView, collapsed] = md.split('<details><summary>2 more package changes</summary>');
    expect(collapsed).toBeDefined();
    expect(inView).toContain('`lib1` deb');
    expect(inView).toContain('`lib10` deb');
    expect(inView).not.toContain('`lib11` deb');
    expect(collapsed.split('</details>')[0]).toContain('`lib12` deb');
    // An upgrade reads old version -> new version, with its size and the instruction that made it.
    expect(md).toMatch(
      /\| ⬆️ upgraded \| `lib3` deb \| `1\.3` \| `2\.3` \| 1\.70 MB \| \*\*\+1\.70 MB\*\* \| `RUN apt-get install -y things` \(runtime, \[L14\]/,
    );
  });

  it('lists no collapsed block for 10 or fewer changes, and says when nothing changed', () => {
    expect(renderMarkdown(withPackages(10))).not.toContain('more package change');
    const none = withChanges(withPackages(0), (r) => {
      r.image!.contents = {
        packages: [],
        largestFiles: [],
        largestFilesFrom: 0,
        notes: ['/var/lib/rpm/rpmdb.sqlite: not read'],
      };
    });
    const md = renderMarkdown(none);
    expect(md).toContain('No package changed (0 packages in the image).');
    expect(md).toContain('Not read: /var/lib/rpm/rpmdb.sqlite: not read.');
  });

  it('shows the largest files added, saying what is known of the base', () => {
    const md = renderMarkdown(withPackages(1));
    expect(md).toContain('Largest files added or grown (1 of 1)');
    expect(md).toContain('| `/usr/lib/libbig.so` | — (or < 50.0 kB) | 900.0 kB | **+900.0 kB** |');
  });

  it('has no package section when either side has no package list (a base report from before)', () => {
    expect(renderMarkdown(grewReport())).not.toContain('#### Packages');
  });
});

describe('whose change it is', () => {
  it("says how much the base image brought, apart from this PR's instructions", () => {
    const report = withChanges(grewReport(), (r) => {
      r.delta!.baseImageChanged = true;
      const base = r.delta!.layers.find((l) => l.baseImage)!;
      Object.assign(base, { headSize: 4_700_000, delta: 300_000, change: 'grew' });
    });
    const md = renderMarkdown(report);
    expect(md).toContain(
      "↪️ The base image `stagegate/busybox:1` changed (new layers under the same FROM): **+300.0 kB** of the change comes from it, **+1.20 MB** from this PR's own instructions.",
    );
    expect(renderMarkdown(grewReport())).not.toContain('↪️');
  });
});

describe('the chart', () => {
  it('charts the base image and each own layer, base beside PR', () => {
    const { bars, compared } = chartBars(grewReport());
    expect(compared).toBe(true);
    expect(bars).toEqual([
      { label: 'base image', base: 4_400_000, head: 4_400_000 },
      { label: 'L14 COPY --from=build /out/ /app/', base: 5_800_000, head: 7_000_000 },
    ]);
    expect(layerChart(grewReport())).toContain('bar [4.4, 0, 5.8, 0]');
  });

  it('groups the smallest layers into one bar when there are too many', () => {
    const report = withChanges(grewReport(), (r) => {
      r.delta!.layers = Array.from({ length: 12 }, (_, i) => ({
        instruction: { stage: 'runtime', line: 20 + i, text: `RUN step ${i}` },
        createdBy: '',
        baseSize: 0,
        headSize: (i + 1) * 1000,
        delta: (i + 1) * 1000,
        compressedDelta: 0,
        change: 'added' as const,
      }));
    });
    const { bars } = chartBars(report);
    expect(bars).toHaveLength(CHART_GROUPS);
    expect(bars.at(-1)).toEqual({ label: '5 other layers', base: 0, head: (1 + 2 + 3 + 4 + 5) * 1000 });
    expect(bars.map((b) => b.label)).toContain('L31 RUN step 11');
  });

  it('keeps quotes and brackets out of its labels', () => {
    const report = withChanges(grewReport(), (r) => {
      r.delta!.layers[0].instruction!.text = 'RUN echo "]"; x=`id` [evil]';
    });
    const chart = layerChart(report);
    const axis = chart.split('\n').find((l) => l.includes('x-axis'))!;
    expect(axis.slice(axis.indexOf('[') + 1, axis.lastIndexOf(']'))).not.toMatch(/[[\]`]/);
    expect(axis.match(/"/g)).toHaveLength(8);
  });
});
