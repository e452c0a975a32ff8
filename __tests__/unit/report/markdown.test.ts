import { describe, expect, it } from '@jest/globals';
import { COMMENT_MAX_CHARS, SUMMARY_MAX_BYTES } from '../../../src/limits.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { formatBytes } from '../../../src/report/format.js';
import type { Report } from '../../../src/model.js';
import { finding, grewReport, HEAD_SHA, withChanges } from './fixtures.js';

const LINE_URL = `https://github.com/acme/app/blob/${HEAD_SHA}/examples/hello/Dockerfile#L`;

/** Every `<details>` opened is closed, every fence closed: the Markdown cannot swallow what follows. */
function expectBalanced(md: string): void {
  // Walk the lines as a Markdown parser would: a fence opens a block that only an equal-or-longer fence closes.
  let fence: string | undefined;
  let open = 0;
  for (const line of md.split('\n')) {
    const f = /^(`{3,})/.exec(line)?.[1];
    if (fence) {
      if (f && f.length >= fence.length && line.trim() === f) fence = undefined;
      continue;
    }
    if (f) fence = f;
    open += line.split('<details>').length - 1;
    open -= line.split('</details>').length - 1;
    expect(open).toBeGreaterThanOrEqual(0);
  }
  expect(fence).toBeUndefined();
  expect(open).toBe(0);
}

function tableRows(md: string, header: string): string[][] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${header} |`));
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (let i = start; i < lines.length && lines[i].startsWith('|'); i++) {
    // Cells split on pipes that are not escaped.
    rows.push(
      lines[i]
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const combinations: Record<string, () => Report> = {
  grew: grewReport,
  shrank: () =>
    withChanges(grewReport(), (r) => {
      r.delta!.size = -2_500_000;
      r.delta!.sizePercent = -16.8;
      r.delta!.compressedSize = -800_000;
      r.delta!.compressedPercent = -14.9;
      r.delta!.layers[0].delta = -2_500_000;
      r.delta!.layers[0].change = 'shrank';
    }),
  unchanged: () =>
    withChanges(grewReport(), (r) => {
      r.delta = {
        ...r.delta!,
        size: 12,
        sizePercent: 0.0001,
        compressedSize: 3,
        compressedPercent: 0.00007,
        unchanged: true,
      };
      r.delta.layers = r.delta.layers.map((l) => ({
        ...l,
        delta: 0,
        compressedDelta: 0,
        change: 'unchanged',
      }));
    }),
  'no base': () =>
    withChanges(grewReport(), (r) => {
      r.base = { status: 'disabled' };
      r.delta = undefined;
      r.source = { ...r.source, pullRequest: undefined, event: 'push' };
    }),
  'new image': () =>
    withChanges(grewReport(), (r) => {
      r.base = {
        status: 'new-image',
        ref: 'main',
        sha: 'fedcba98',
        message: ": the base commit has no stage 'runtime'",
      };
      r.delta = undefined;
    }),
  'test failed': () =>
    withChanges(grewReport(), (r) => {
      r.test = {
        stage: 'test',
        result: 'failed',
        failedStep: { kind: 'build', command: 'RUN sh ./test.sh /out/bin/hello', line: 11, exitCode: 1 },
        logTail: [
          '#8 [test 1/1] RUN sh ./test.sh /out/bin/hello',
          'expected "hello, world" got "hello"',
          'FAIL',
        ],
      };
      r.builds[1] = { ...r.builds[1], status: 'failed', cached: false };
    }),
  'build failed': () =>
    withChanges(grewReport(), (r) => {
      r.builds = [
        {
          stage: 'build',
          status: 'failed',
          startedAt: 0,
          finishedAt: 1500,
          durationMs: 1500,
          cached: false,
          errorTail: [
            '#7 [build 3/3] RUN sh ./build.sh /out',
            'sh: ./build.sh: not found',
            'ERROR: exit code: 127',
          ],
        },
        {
          stage: 'test',
          status: 'skipped',
          startedAt: 0,
          finishedAt: 0,
          durationMs: 0,
          cached: false,
          reason: "stage 'build' failed",
        },
        {
          stage: 'runtime',
          status: 'skipped',
          startedAt: 0,
          finishedAt: 0,
          durationMs: 0,
          cached: false,
          reason: "stage 'build' failed",
        },
      ];
      r.test = { stage: 'test', result: 'skipped', reason: "stage 'build' failed" };
      r.image = undefined;
      r.base = { status: 'disabled' };
      r.delta = undefined;
    }),
  'budgets exceeded': () =>
    withChanges(grewReport(), (r) => {
      r.budgets = [
        {
          name: 'max-size',
          limit: '10MB',
          measured: 12_345_678,
          unit: 'bytes',
          passed: false,
          message: 'The image is 12.3 MB; max-size is 10MB.',
        },
        {
          name: 'max-size-increase',
          limit: '5%',
          measured: 10.77,
          unit: 'percent',
          passed: false,
          message: 'The image grew 10.8%; max-size-increase is 5%.',
        },
      ];
    }),
  'budgets within': () =>
    withChanges(grewReport(), (r) => {
      r.budgets = [
        { name: 'max-size', limit: '50MB', measured: 12_345_678, unit: 'bytes', passed: true, message: 'ok' },
      ];
    }),
  'no findings': () => withChanges(grewReport(), (r) => (r.findings = [])),
  'many findings': () =>
    withChanges(grewReport(), (r) => {
      r.findings = Array.from({ length: 40 }, (_, i) =>
        finding((['error', 'warning', 'info', 'style'] as const)[i % 4], i + 1, `rule-${i % 7}`),
      );
    }),
  'dockerfile failed to load': () =>
    withChanges(grewReport(), (r) => {
      r.target = undefined;
      r.stages = [];
      r.builds = [];
      r.test = { result: 'skipped', reason: 'nothing was built' };
      r.image = undefined;
      r.base = { status: 'disabled' };
      r.delta = undefined;
      r.findings = [];
      r.errors = [
        {
          step: 'dockerfile',
          message: 'examples/hello/Dockerfile: no such file; set `file` to the Dockerfile path.',
        },
      ];
    }),
};

describe('renderMarkdown', () => {
  for (const [name, make] of Object.entries(combinations)) {
    it(`renders ${name}`, () => {
      const md = renderMarkdown(make());
      expectBalanced(md);
      expect(md).toMatchSnapshot();
    });
  }

  it('puts target, both sizes, the signed delta with percent, test result, findings and budgets in the headline', () => {
    const md = renderMarkdown(combinations['budgets exceeded']());
    const [header, , row] = tableRows(md, 'Size on disk');
    expect(header).toEqual(['Size on disk', 'Compressed', 'Test', 'Findings', 'Budgets']);
    expect(row[0]).toBe('**12.3 MB** (+1.20 MB (+10.8%) 📈)');
    expect(row[1]).toBe(`**4.57 MB** (+${formatBytes(400_000)} (+9.6%) 📈)`);
    expect(row[2]).toContain('passed');
    expect(row[3]).toBe('⚠️ 1 warning');
    expect(row[4]).toBe('❌ 2 exceeded');
    expect(md.split('\n')[0]).toBe('### stagegate · `runtime` · `examples/hello/Dockerfile`');
    expect(md).toContain('❌ **Needs attention**');
  });

  it('says when findings fail the step under fail-on, and only then', () => {
    const report = withChanges(combinations['many findings'](), (r) => (r.failOn = 'warning'));
    const md = renderMarkdown(report);
    expect(md).toContain('❌ **Needs attention**');
    expect(md).toContain('- ❌ 20 findings at or above `fail-on: warning`.');
    const lenient = renderMarkdown(withChanges(report, (r) => (r.failOn = 'never')));
    expect(lenient).toContain('✅ **All checks passed**');
    expect(lenient).not.toContain('fail-on');
  });

  describe('findings compared with the base commit', () => {
    const compared = (): Report =>
      withChanges(grewReport(), (r) => {
        r.source.pullRequest = 7;
        r.failOn = 'warning';
        r.findings = [
          { ...finding('warning', 3, 'old-rule'), baseline: 'existing' },
          { ...finding('error', 9, 'new-rule'), baseline: 'new' },
          { ...finding('info', 5, 'old-info'), baseline: 'existing' },
          { ...finding('style', 6, 'new-style'), baseline: 'new' },
        ];
        r.findingsBaseline = { sha: 'b'.repeat(40), new: 2, existing: 2 };
      });

    it('leads with the new findings and collapses the existing ones after them', () => {
      const md = renderMarkdown(compared());
      const fresh = md.indexOf('<summary>❌ 1 new error</summary>');
      const existing = md.indexOf('<summary>📎 1 existing finding (the base commit has them too');
      expect(fresh).toBeGreaterThan(0);
      expect(existing).toBeGreaterThan(fresh);
      expect(md.slice(existing)).toContain('`old-rule`');
      expect(md.slice(fresh, existing)).not.toContain('`old-rule`');
      expect(md).toContain("Compared with the base commit's Dockerfile (`bbbbbbbbbbbb`): 2 new, 2 existing.");
      expect(tableRows(md, 'Size on disk')[2][3]).toBe(
        '❌ 1 error · ⚠️ 1 warning · ℹ️ 1 info · 💅 1 style (🆕 2 new)',
      );
    });

    it('fails on the new findings only, unless fail-on-existing-findings is on', () => {
      const md = renderMarkdown(compared());
      expect(md).toContain('- ❌ 1 new finding at or above `fail-on: warning`.');
      expect(md).toContain('and they do not fail this step');
      const strict = renderMarkdown(withChanges(compared(), (r) => (r.failOnExistingFindings = true)));
      expect(strict).toContain('- ❌ 2 findings at or above `fail-on: warning`.');
      expect(strict).not.toContain('do not fail this step');
    });

    it('lists warnings and errors in the comment and counts info and style; the summary lists all', () => {
      const md = renderMarkdown(compared());
      expect(md).not.toContain('`new-style`');
      expect(md).not.toContain('`old-info`');
      expect(md).toContain(
        '…and 2 info/style findings (1 new), listed in the job summary and the JSON report.',
      );
      const summary = renderMarkdown(compared(), { allFindings: true });
      expect(summary).toContain('<summary>💅 1 new style</summary>');
      expect(summary).toContain('`old-info`');
      expect(summary).not.toContain('info/style finding');
    });

    it('says why every finding is new on a pull request with nothing to compare with', () => {
      const md = renderMarkdown(
        withChanges(compared(), (r) => {
          r.findings = r.findings.map((f) => ({ ...f, baseline: 'new' }));
          r.findingsBaseline = { new: 4, existing: 0, reason: 'the base commit abc1234 has no Dockerfile' };
        }),
      );
      expect(md).toContain('Every finding counts as new: the base commit abc1234 has no Dockerfile.');
      expect(md).toContain('<summary>❌ 1 error</summary>');
      expect(md).not.toContain('existing finding');
    });
  });

  it('shows shrinkage with a minus sign and says when nothing changed', () => {
    expect(renderMarkdown(combinations.shrank())).toContain('-2.50 MB (-16.8%) 📉');
    const unchanged = renderMarkdown(combinations.unchanged());
    expect(unchanged).toContain('**12.3 MB** (unchanged)');
    expect(unchanged).not.toContain('Layers that changed most');
  });

  it('has a stage row per stage with base, size, layers, build time and cache', () => {
    const rows = tableRows(renderMarkdown(grewReport()), 'Stage');
    expect(rows[0]).toEqual(['Stage', 'Role', 'Base', 'Result', 'Size', 'Layers', 'Build time', 'Cached']);
    expect(rows.slice(2).map((r) => r[0])).toEqual([
      `[\`build\`](${LINE_URL}5)`,
      `[\`test\`](${LINE_URL}10)`,
      `[\`runtime\`](${LINE_URL}13)`,
    ]);
    expect(rows[2].slice(1)).toEqual([
      'built',
      '`stagegate/busybox:1`',
      '✅ built',
      '5.00 MB',
      '3',
      '2.1 s',
      'no',
    ]);
    expect(rows[3].slice(1)).toEqual(['test', 'stage `build`', '✅ built', '—', '—', '900 ms', 'yes']);
    // The target's size and layer count come from the image measurement.
    expect(rows[4].slice(4, 6)).toEqual(['12.3 MB', '3']);
  });

  it('ties changed layers to their Dockerfile line at the head commit', () => {
    const md = renderMarkdown(grewReport());
    expect(md).toContain('<details><summary>Layers that changed most (1 of 1)</summary>');
    expect(md).toContain(
      `| 📈 grew | 5.80 MB | 7.00 MB | **+1.20 MB** | \`COPY --from=build /out/ /app/\` (runtime, [L14](${LINE_URL}14)) |`,
    );
  });

  it('lists the largest layers when there is no base', () => {
    const md = renderMarkdown(combinations['no base']());
    expect(md).toContain('Largest layers (3 of 3)');
    expect(md).toContain('base image `stagegate/busybox:1`');
    expect(md).toContain('No size comparison');
  });

  it('shows wasted space with the offending paths', () => {
    const md = renderMarkdown(grewReport());
    expect(md).toContain(`Wasted space: ${formatBytes(900_000)} (image efficiency 92.7%)`);
    expect(md).toContain(
      `| \`/app/cache/blob.bin\` | ${formatBytes(900_000)} | 2 | [L14](${LINE_URL}14), [L15](${LINE_URL}15) |`,
    );
  });

  it('groups findings by severity, most severe first, each linked to its line and rule docs', () => {
    const md = renderMarkdown(combinations['many findings'](), { allFindings: true });
    const order = ['❌ 10 errors', '⚠️ 10 warnings', 'ℹ️ 10 info', '💅 10 style'].map((s) =>
      md.indexOf(`<summary>${s}</summary>`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain(
      `| [L1](${LINE_URL}1) | [\`rule-0\`](https://github.com/acme/stagegate/blob/main/docs/rules/rule-0.md) |`,
    );
    expect(md).not.toContain('#### Findings\n\n✅');
    expect(renderMarkdown(combinations['no findings']())).not.toContain('#### Findings');
  });

  it('explains a failed test with its command, line, exit code and log tail in collapsed details', () => {
    const md = renderMarkdown(combinations['test failed']());
    expect(md).toContain(
      `- ❌ Test stage [\`test\`](${LINE_URL}10) failed: \`RUN sh ./test.sh /out/bin/hello\` ([line 11](${LINE_URL}11)) exited with 1.`,
    );
    expect(md).toContain(
      '<details><summary>Test log of <code>test</code> (last 3 lines)</summary>\n\n```text\n#8 [test 1/1]',
    );
  });

  it('shows a failed build with its log and the stages skipped because of it', () => {
    const md = renderMarkdown(combinations['build failed']());
    expect(md).toContain('- ❌ Stage [`build`]');
    expect(md).toContain('Build log of stage <code>build</code> (last 3 lines)');
    expect(md).toContain("⏭️ skipped: stage 'build' failed");
    expect(md).toContain('| not measured | not measured |');
  });

  it('omits links when the repository or commit is unknown', () => {
    const md = renderMarkdown(withChanges(grewReport(), (r) => (r.source = {})));
    expect(md).not.toContain('acme/app');
    expect(md).not.toContain('[L14]');
    expect(md).toContain('| `build` | built |');
  });

  it('fits within the comment limit by shrinking details first and says what was cut', () => {
    const report = withChanges(combinations['many findings'](), (r) => {
      r.findings = Array.from({ length: 3000 }, (_, i) =>
        finding('warning', i + 1, 'long-rule', 'x'.repeat(200)),
      );
      r.test = {
        stage: 'test',
        result: 'failed',
        logTail: Array.from({ length: 200 }, (_, i) => `log line ${i} ${'y'.repeat(300)}`),
      };
    });
    const full = renderMarkdown(report);
    expect(full.length).toBeGreaterThan(COMMENT_MAX_CHARS);
    const md = renderMarkdown(report, { maxChars: COMMENT_MAX_CHARS, fullReportHint: 'the job summary' });
    expect(md.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expectBalanced(md);
    // Headline and tables survive; the note says what went and where the rest is.
    expect(md).toContain('| Size on disk |');
    expect(md).toContain('| Stage | Role |');
    expect(md).toContain(
      "> This report was trimmed to fit GitHub's 65,536-character limit: shortened the findings list",
    );
    expect(md).toContain('The full report is in the job summary.');
    // The failing log is worth more than the findings list: it is kept in full.
    expect(md).toContain('Test log of <code>test</code> (last 200 lines)');
    expect(md.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('fits a byte limit counting multi-byte characters', () => {
    const report = withChanges(grewReport(), (r) => {
      r.findings = Array.from({ length: 400 }, (_, i) => finding('info', i + 1, 'r', 'é'.repeat(250)));
    });
    const md = renderMarkdown(report, { maxBytes: 50_000, allFindings: true });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(50_000);
    expect(md).toContain('trimmed to fit');
    expect(renderMarkdown(report, { maxBytes: SUMMARY_MAX_BYTES, allFindings: true })).not.toContain(
      'trimmed',
    );
  });

  it('lists only built stages, naming the rest, when the stage table alone is too long', () => {
    const report = withChanges(grewReport(), (r) => {
      for (let i = 0; i < 600; i++) {
        r.stages.push({
          index: 3 + i,
          name: `unused-stage-${i}`,
          base: 'stagegate/busybox:1',
          line: 20 + i,
          endLine: 20 + i,
          dependsOn: [],
          role: 'unbuilt',
        });
      }
    });
    expect(renderMarkdown(report).length).toBeGreaterThan(65_536);
    const md = renderMarkdown(report, { maxChars: COMMENT_MAX_CHARS });
    expect(md.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(tableRows(md, 'Stage')).toHaveLength(5);
    expect(md).toContain('…and 600 stages stagegate did not build: `unused-stage-0`, `unused-stage-1`');
    expect(md).toContain('shortened the stage table');
    expect(md).not.toContain('cut the tables off');
  });

  it('cuts even the tables, at a line boundary, when they alone are too big', () => {
    const report = withChanges(grewReport(), (r) => {
      r.stages = Array.from({ length: 3000 }, (_, i) => ({
        index: i,
        name: `stage-${i}`,
        base: 'stagegate/busybox:1',
        line: i + 1,
        endLine: i + 1,
        dependsOn: [],
        role: 'stage' as const,
      }));
    });
    const md = renderMarkdown(report, { maxChars: 20_000 });
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md).toContain('cut the tables off');
    expect(md).toMatch(/\| \[`stage-\d+`\]\([^)]*\) \| built \| [^\n]*\|\n\n> \[!NOTE\]/);
  });
});

describe('renderMarkdown with hostile input', () => {
  const hostile = 'x`<img src=x>`@octocat';
  const report = withChanges(grewReport(), (r) => {
    r.stages[2].name = hostile;
    r.target = hostile;
    r.builds[2].stage = hostile;
    r.test = {
      stage: 'test',
      result: 'failed',
      logTail: ['```', '</details>', '<script>alert(1)</script> @octocat', '````` still inside'],
    };
    r.findings = [
      finding('error', 3, 'r|ule', 'Use | and <b>bold</b> and [link](http://evil) @admin\nsecond line'),
    ];
    r.errors = [{ step: 'build', message: 'cc @org/team <img src=x onerror=alert(1)>' }];
    r.base = { status: 'failed', ref: 'main`<b>', message: '@someone broke it' };
  });
  const md = renderMarkdown(report);

  it('renders inert: no raw HTML from input, no mentions, tables intact', () => {
    expectBalanced(md);
    // Outside code (where GitHub shows text verbatim) no tag from the input survives.
    const outsideCode = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`][\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/<img|<script|<b>/);
    // <summary> is raw HTML: only entities, never code spans or input tags.
    for (const line of md.split('\n').filter((l) => l.includes('<summary>'))) {
      expect(line.replace(/<\/?(details|summary|code)>/g, '')).not.toMatch(/[<>`]/);
    }
    // Nothing notifies anyone: every @ is followed by the zero-width joiner, even inside code spans.
    const outsideBlocks = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    expect(outsideBlocks).not.toMatch(/@[A-Za-z0-9]/);
    expect(md).toContain('``x`<img src=x>`@\u200docto');
    // Each stage row still has exactly 8 cells.
    for (const row of tableRows(md, 'Stage')) expect(row).toHaveLength(8);
    for (const row of tableRows(md, 'Line')) expect(row).toHaveLength(3);
    expect(md).toMatchSnapshot();
  });

  it('keeps a log that contains fences inside one longer fence', () => {
    const block = /(`{3,})text\n([\s\S]*?)\n\1\n/.exec(md);
    expect(block).not.toBeNull();
    expect(block![1].length).toBe(6);
    expect(block![2]).toContain('</details>');
  });
});

describe('footer', () => {
  it('says how the run built: buildx version, driver, daemon and image store', () => {
    const report = grewReport();
    report.engine = {
      backend: 'buildx',
      serverVersion: '29.0.1',
      imageStore: 'containerd',
      buildxVersion: 'github.com/docker/buildx v0.30.1 9e8f2a1',
      builder: 'builder-1f2e',
      driver: 'docker-container',
    };
    expect(renderMarkdown(report)).toContain(
      'buildx 0.30.1, docker-container driver, Docker 29.0.1 (containerd image store)</sub>',
    );
    report.engine = { backend: 'buildkit', serverVersion: '20.10.24', imageStore: 'classic' };
    expect(renderMarkdown(report)).toContain(
      'DOCKER\\_BUILDKIT=1 docker build, Docker 20.10.24 (classic image store)</sub>',
    );
  });
});

describe('renderMarkdown: no verdict, and checks that could not run', () => {
  it('an engine fault says "no verdict", never that the test failed', () => {
    const md = renderMarkdown(
      withChanges(grewReport(), (r) => {
        r.test = { stage: 'test', result: 'error', reason: 'the Docker engine failed: unexpected EOF' };
        r.errors = [
          { step: 'engine', message: 'The Docker engine failed while building stage test: unexpected EOF.' },
        ];
      }),
    );
    expect(md).toContain('⚠️ no verdict');
    expect(md).toMatch(/no verdict, the Docker engine failed: unexpected EOF \(not a test failure\)/);
    expect(md).not.toMatch(/❌ Test stage|❌ failed/);
    expect(md).toContain('❌ **Needs attention**');
  });

  it('a budget the failed base could not check is a warning in the headline, not "All checks passed"', () => {
    const md = renderMarkdown(
      withChanges(grewReport(), (r) => {
        r.base = { status: 'failed', sha: 'b', message: 'did not build' };
        r.delta = undefined;
        r.findings = [];
        r.budgets = [
          {
            name: 'max-size-increase',
            limit: '5%',
            measured: 0,
            unit: 'percent',
            passed: true,
            skipped: true,
            message: 'max-size-increase 5% was not checked: the base commit failed to build.',
          },
        ];
      }),
    );
    expect(md).not.toContain('All checks passed');
    expect(md).toContain('⚠️ **Passed, but not everything was checked**');
    expect(md).toMatch(
      /- ⚠️ Budget `max-size-increase` \(5%\) was not checked: .*base commit failed to build/,
    );
    expect(md).toContain('⚠️ not checked');
  });
});

describe('lint notes', () => {
  it('says once that ShellCheck did not run, apart from the findings, and nothing when it did', () => {
    const note = 'ShellCheck (shellcheck) is not on PATH, so RUN scripts were not checked with it';
    const md = renderMarkdown(withChanges(grewReport(), (r) => (r.lintNotes = [note])));
    expect(md.split(note)).toHaveLength(2);
    expect(renderMarkdown(grewReport())).not.toContain('not checked with it');
  });
});
