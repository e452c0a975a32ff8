/**
 * The orchestrator with plain fake seams: what a user sees when things go wrong before any image exists.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJob } from '../../src/main.js';
import { INPUT_DEFAULTS } from '../../src/inputs.js';
import type { Report } from '../../src/report/model.js';
import type { Engine, RunResult } from '../../src/seams/engine.js';
import type { AnnotationProps, EventContext, Runner } from '../../src/seams/runner.js';
import { Readable } from 'node:stream';

interface FakeRunner extends Runner {
  outputs: Record<string, string>;
  errors: { message: string; props?: AnnotationProps }[];
  summaries: string[];
  failed: string[];
}

function fakeRunner(inputs: Record<string, string>): FakeRunner {
  const event: EventContext = {
    eventName: 'push',
    sha: 'abc123',
    repository: 'octo/app',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    workspace: process.cwd(),
  };
  const runner: FakeRunner = {
    outputs: {},
    errors: [],
    summaries: [],
    failed: [],
    getInput: (name) => inputs[name] ?? INPUT_DEFAULTS[name] ?? '',
    setOutput: (name, value) => void (runner.outputs[name] = value),
    debug: () => undefined,
    info: () => undefined,
    notice: () => undefined,
    warning: () => undefined,
    error: (message, props) => void runner.errors.push({ message, props }),
    group: (_name, fn) => fn(),
    setSecret: () => undefined,
    writeSummary: async (md) => void runner.summaries.push(md),
    setFailed: (m) => void runner.failed.push(m),
    event: () => event,
  };
  return runner;
}

/** An engine whose daemon is down: every docker command fails the way the CLI does. */
function deadEngine(calls: string[][]): Engine {
  const down: RunResult = {
    exitCode: 1,
    stdout: '',
    stderr:
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    tail: [
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    ],
  };
  return {
    run: async (_tool, args) => {
      calls.push(args);
      return down;
    },
    stream: (_tool, args) => {
      calls.push(args);
      return { stdout: Readable.from([]), done: Promise.resolve(down) };
    },
  };
}

describe('runJob', () => {
  it('still writes the report, outputs and summary when the engine is down, then fails', async () => {
    const runner = fakeRunner({ context: 'examples/hello' });
    const reportPath = join(mkdtempSync(join(tmpdir(), 'stagegate-main-')), 'report.json');
    const result = await runJob({ runner, engine: deadEngine([]), reportPath });

    expect(result.failures.join('\n')).toMatch(/Docker/);
    expect(runner.errors.map((e) => e.message).join('\n')).toMatch(/Docker/);
    // Nothing is lost: findings were computed without an engine, and everything was written.
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    expect(report.dockerfile).toBe('examples/hello/Dockerfile');
    expect(report.stages.map((s) => s.name)).toEqual(['build', 'test', 'runtime']);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(runner.outputs['report-file']).toBe(reportPath);
    expect(runner.outputs['findings']).toBe(String(report.findings.length));
    expect(runner.outputs['size']).toBe('');
    expect(runner.outputs['comment-body']).toContain('runtime');
    expect(runner.summaries).toEqual([runner.outputs['comment-body']]);
    // runJob reports; only run() fails the step, after everything above.
    expect(runner.failed).toEqual([]);
  });

  it('names every bad input and builds nothing', async () => {
    const calls: string[][] = [];
    const runner = fakeRunner({ context: 'examples/hello', 'max-size': 'big', 'fail-on': 'fatal' });
    const result = await runJob({ runner, engine: deadEngine(calls) });
    expect(result.failures).toHaveLength(2);
    expect(runner.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("'max-size' is 'big'"),
      expect.stringContaining("'fail-on' is 'fatal'"),
    ]);
    expect(calls).toEqual([]);
  });

  it('says which Dockerfile is missing, with the inputs that choose it', async () => {
    const runner = fakeRunner({ context: 'no/such/dir' });
    const reportPath = join(mkdtempSync(join(tmpdir(), 'stagegate-main-')), 'report.json');
    const result = await runJob({ runner, engine: deadEngine([]), reportPath });
    expect(result.failures.join('\n')).toContain('no/such/dir/Dockerfile');
    expect(existsSync(reportPath)).toBe(true);
    expect(runner.outputs['test-result']).toBe('skipped');
  });
});
