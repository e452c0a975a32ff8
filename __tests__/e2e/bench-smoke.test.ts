/**
 * The benchmark's smoke variant (`node bench/run.mjs --smoke`: one iteration, small inputs) runs in CI so
 * the benchmark code cannot rot. It checks that every section ran and produced figures that make sense;
 * it asserts no timing (times are only checked to be measured at all).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithEngine } from '../helpers/engine.js';
import { corpusAvailable } from '../helpers/corpus.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Pairs {
  n: number;
  oursMs: number;
  peerMs: number;
  ratio: number;
}
interface Results {
  smoke: boolean;
  machine: { cores: number; dockerServer?: string; backend: string };
  sections: {
    job: {
      projects: Array<{
        project: string;
        error?: string;
        stages: number;
        cold: Pairs;
        warm: Pairs;
        coldBuild?: { stagesBuilt: number };
        concurrentCached?: Record<number, number>;
      }>;
    };
    size: {
      compressed?: {
        diskSize: number;
        oursBytes: number;
        peerBytes: number;
        difference: number;
        ratio: number;
      };
      compressedError?: string;
      waste?: { diskSize: number; wastedBytes: number; oursMs: number; readMs: number };
      wasteError?: string;
    };
    lint: {
      skipped?: string;
      files: number;
      tools: Record<string, { ms: number; perFileMs: number; coldStartMs: number; findings: number }>;
      ratios: Record<string, { all: number; coldStart: number }>;
      rules: Record<string, number>;
    };
    cache: { skipped?: string; cold?: Pairs; warm?: Pairs };
    drivers: {
      engines: Array<{
        engine: string;
        driver?: string;
        error?: string;
        cold: Pairs & { builds: number };
        warm: Pairs & { builds: number };
        loadedBuilds?: Array<{ label: string; load: boolean }>;
      }>;
    };
    realistic: { skipped?: string; fixtures?: unknown[] };
    scale: {
      stages: Array<{
        stages: number;
        error?: string;
        ms: number;
        jsonBytes: number;
        markdownBytes: number;
        stagesBuilt: number;
      }>;
    };
  };
}

const positive = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;

describeWithEngine('bench smoke (node bench/run.mjs --smoke)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-bench-smoke-'));
  const out = join(dir, 'BENCHMARKS.md');
  const json = join(dir, 'results.json');
  let run: ReturnType<typeof spawnSync>;
  let markdown = '';
  let results: Results;

  beforeAll(() => {
    run = spawnSync(process.execPath, ['bench/run.mjs', '--smoke', '--out', out, '--json', json], {
      cwd: root,
      encoding: 'utf8',
      // Generous: on a loaded 2-core machine the smoke run has taken over 170 s (it builds real images).
      timeout: 420_000,
    });
    markdown = readFileSync(out, 'utf8');
    results = JSON.parse(readFileSync(json, 'utf8')) as Results;
  }, 430_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('completes every section without a failure', () => {
    const failures = Object.entries(results.sections as unknown as Record<string, { error?: string }>)
      .filter(([, s]) => s.error)
      .map(([name, s]) => `${name}: ${s.error}`);
    expect(failures).toEqual([]);
    expect(run.status).toBe(0);
    expect(results.smoke).toBe(true);
  });

  it('writes BENCHMARKS.md with the machine, the method and all five sections', () => {
    for (const heading of [
      '## Targets',
      '## Machine',
      '## Method',
      '## 1. Whole job vs hand-written steps',
      '## 2. Compressed size and wasted space',
      '## 3. Lint',
      '## 4. Base report cache',
      '## 5. Scale',
      '## 6. Per driver',
      '## 7. Findings',
      '## 8. Realistic images (re-anchored targets, dive)',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain('Smoke run');
    expect(markdown).not.toContain('## Failures');
    expect(markdown).not.toMatch(/not measured/i);
    expect(results.machine.cores).toBeGreaterThan(0);
  });

  it('measures the findings against the hand-judged verdicts (section 7)', () => {
    const findings = (results.sections as unknown as Record<string, Record<string, unknown>>).findings;
    if (findings?.skipped) return; // no corpus on this machine: the section says so
    expect(findings?.unjudged).toBe(0);
    expect(findings?.precision).toBeGreaterThanOrEqual(0.97);
    expect(markdown).toMatch(/Precision at warning\+error.*\*\*\d+\.\d%\*\*/);
  });

  it('skips the realistic section (minutes of apt-get and npm ci builds, a 1 GB image), saying why', () => {
    expect(results.sections.realistic.skipped).toMatch(/smoke run/);
    expect(results.sections.realistic.fixtures).toBeUndefined();
    expect(markdown).toContain('Skipped: smoke run');
    // The retired targets are stated with their reasons, not scored.
    expect(markdown).toContain('Retired: "warm job ≤ 1.00× on a 3-stage toy"');
    expect(markdown).toContain('Retired: "lint ≥ 2× faster per file');
  });

  it('measures the whole job and the hand-written steps side by side, cold and warm', () => {
    const projects = results.sections.job.projects;
    expect(projects.map((p) => p.project)).toContain('examples/hello');
    for (const p of projects) {
      expect(p.error).toBeUndefined();
      for (const pairs of [p.cold, p.warm]) {
        expect(pairs.n).toBe(1);
        expect(positive(pairs.oursMs) && positive(pairs.peerMs)).toBe(true);
        expect(pairs.ratio).toBeCloseTo(pairs.oursMs / pairs.peerMs, 6);
      }
      // stagegate built every stage of the project.
      expect(p.coldBuild?.stagesBuilt).toBe(p.stages);
      // The engine's overlap of cached builds was timed for 1, 3 and 8 at once.
      expect([1, 3, 8].every((n) => positive(p.concurrentCached?.[n]))).toBe(true);
    }
  });

  it('agrees with docker save | gzip -6 on the compressed size and finds the wasted space', () => {
    const { compressed, waste, compressedError, wasteError } = results.sections.size;
    expect(compressedError).toBeUndefined();
    expect(wasteError).toBeUndefined();
    expect(compressed?.oursBytes).toBeGreaterThan(0);
    // Per-layer gzip vs one gzip stream over the whole `docker save` tar: close, not identical.
    expect(Math.abs(compressed?.difference ?? 1)).toBeLessThan(0.05);
    expect(compressed?.oursBytes).toBeLessThan(compressed?.diskSize ?? 0);
    // The smoke waste image overwrites four 1 MiB files and deletes more.
    expect(waste?.wastedBytes).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    expect(waste?.wastedBytes).toBeLessThan(waste?.diskSize ?? 0);
  });

  (corpusAvailable ? it : it.skip)('lints the corpus sample with stagegate and both peers', () => {
    const lint = results.sections.lint;
    expect(lint.skipped).toBeUndefined();
    expect(lint.files).toBe(8);
    expect(Object.keys(lint.tools).sort()).toEqual([
      'dockerfile-ast parse',
      'dockerfile-utils',
      'dockerfilelint',
      'stagegate',
    ]);
    for (const [name, t] of Object.entries(lint.tools)) {
      expect(positive(t.ms) && positive(t.coldStartMs)).toBe(true);
      // The parse-only floor runs no rule, so it has no findings to count.
      if (name === 'dockerfile-ast parse') expect(t.findings).toBeNull();
      else expect(t.findings).toBeGreaterThanOrEqual(0);
    }
    expect(lint.rules.stagegate).toBeGreaterThan(lint.rules.dockerfilelint);
  });

  it('compares a cached base report with rebuilding the base', () => {
    const cache = results.sections.cache;
    expect(cache.skipped).toBeUndefined();
    expect(positive(cache.cold?.oursMs) && positive(cache.cold?.peerMs)).toBe(true);
  });

  it('runs the per-driver pairs on the legacy engine only, with the builds stagegate logged', () => {
    const engines = results.sections.drivers.engines;
    expect(engines.map((e) => e.engine)).toEqual(['legacy-buildkit']);
    const [legacy] = engines;
    expect(legacy.error).toBeUndefined();
    expect(legacy.driver).toBe('legacy');
    for (const pairs of [legacy.cold, legacy.warm]) {
      expect(pairs.n).toBe(1);
      expect(pairs.ratio).toBeCloseTo(pairs.oursMs / pairs.peerMs, 6);
      // Three stages from the logged argv plus the base-commit build.
      expect(pairs.builds).toBe(4);
    }
    // No buildx on legacy: nothing is loaded with --load.
    expect(legacy.loadedBuilds?.some((b) => b.load)).toBe(false);
    expect(markdown).toContain('### legacy-buildkit');
  });

  it('runs the generated three-stage project and sizes its reports', () => {
    const [three] = results.sections.scale.stages;
    expect(three.error).toBeUndefined();
    expect(three.stages).toBe(3);
    expect(three.stagesBuilt).toBe(3);
    expect(three.jsonBytes).toBeGreaterThan(500);
    expect(three.markdownBytes).toBeGreaterThan(100);
  });
});
