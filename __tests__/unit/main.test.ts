/**
 * The orchestrator with plain fake seams: what a user sees when things go wrong before any image exists.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJob } from '../../src/main.js';
import type { Report } from '../../src/model.js';
import { deadEngine } from '../helpers/fake-engine.js';
import { fakeRunner } from '../helpers/fake-runner.js';

describe('runJob', () => {
  it('still writes the report, outputs and summary when the engine is down, then fails', async () => {
    const runner = fakeRunner({ inputs: { context: 'examples/hello' } });
    const reportPath = join(mkdtempSync(join(tmpdir(), 'stagegate-main-')), 'report.json');
    const result = await runJob({ runner, engine: deadEngine().engine, reportPath });

    expect(result.failures.join('\n')).toMatch(/Docker/);
    expect(runner.errors.join('\n')).toMatch(/Docker/);
    // Nothing is lost: findings were computed without an engine, and everything was written.
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    expect(report.dockerfile).toBe('examples/hello/Dockerfile');
    expect(report.stages.map((s) => s.name)).toEqual(['build', 'test', 'runtime']);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(runner.outputs['report-file']).toBe(reportPath);
    expect(runner.outputs['findings']).toBe(String(report.findings.length));
    expect(runner.outputs['size']).toBe('');
    expect(runner.outputs['comment-body']).toContain('runtime');
    // The comment lists warnings and errors and counts the rest; the job summary lists every finding.
    expect(runner.summaries).toHaveLength(1);
    const unlisted = report.findings.filter((f) => f.severity === 'info' || f.severity === 'style');
    expect(unlisted.length).toBeGreaterThan(1);
    expect(runner.outputs['comment-body']).toContain(
      `…and ${unlisted.length} info/style findings, listed in the job summary`,
    );
    const infoBlock = `<summary>ℹ️ ${unlisted.length} info</summary>`;
    expect(unlisted.every((f) => f.severity === 'info')).toBe(true);
    expect(runner.summaries[0]).toContain(infoBlock);
    expect(runner.outputs['comment-body']).not.toContain(infoBlock);
    // Not a pull request: every finding counts as new.
    expect(report.findings.every((f) => f.baseline === 'new')).toBe(true);
    expect(report.findingsBaseline).toMatchObject({ new: report.findings.length, existing: 0 });
    // An engine that does not answer is an engine error with no test verdict, never a failed test.
    expect(report.errors.map((e) => e.step)).toContain('engine');
    expect(runner.outputs['test-result']).toBe('error');
    // runJob reports; only run() fails the step, after everything above.
    expect(runner.failed).toEqual([]);
  });

  it('names every bad input, builds nothing, and still publishes a report that says so (fail late)', async () => {
    const dead = deadEngine();
    const runner = fakeRunner({
      inputs: { context: 'examples/hello', 'max-size': 'big', 'fail-on': 'fatal' },
    });
    const reportPath = join(mkdtempSync(join(tmpdir(), 'stagegate-main-')), 'report.json');
    const result = await runJob({ runner, engine: dead.engine, reportPath });
    expect(result.failures).toHaveLength(2);
    expect(runner.errors).toEqual([
      expect.stringContaining("'max-size' is 'big'"),
      expect.stringContaining("'fail-on' is 'fatal'"),
    ]);
    expect(dead.calls).toEqual([]);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    expect(report.errors.map((e) => e.step)).toEqual(['inputs', 'inputs']);
    expect(report.builds).toEqual([]);
    // The findings are still there: linting needs no valid budget.
    expect(report.stages.map((s) => s.name)).toEqual(['build', 'test', 'runtime']);
    expect(runner.outputs['comment-body']).toContain("'max-size' is 'big'");
    expect(runner.summaries).toHaveLength(1);
    expect(runner.outputs['test-result']).toBe('skipped');
  });

  it('says which Dockerfile is missing, with the inputs that choose it', async () => {
    const runner = fakeRunner({ inputs: { context: 'no/such/dir' } });
    const reportPath = join(mkdtempSync(join(tmpdir(), 'stagegate-main-')), 'report.json');
    const result = await runJob({ runner, engine: deadEngine().engine, reportPath });
    expect(result.failures.join('\n')).toContain('no/such/dir/Dockerfile');
    expect(existsSync(reportPath)).toBe(true);
    expect(runner.outputs['test-result']).toBe('skipped');
  });
});
