/** The judge phase: pure, so every reason the step fails can be checked from data alone. */
import { describe, expect, it } from '@jest/globals';
import { parseInputs } from '../../../src/inputs.js';
import type { Finding, ImageMeasurement } from '../../../src/model.js';
import type { JobMeasurements } from '../../../src/phases/build-and-measure.js';
import { judgeJob } from '../../../src/phases/judge.js';
import type { JobStart } from '../../../src/phases/read.js';
import { TEST_EVENT } from '../../helpers/fake-runner.js';

function start(values: Record<string, string> = {}): JobStart {
  const { inputs, problems } = parseInputs((n) => values[n] ?? '');
  return {
    event: TEST_EVENT,
    inputs,
    errors: problems.map((message) => ({ step: 'inputs', message })),
    badInputs: problems.length > 0,
    secrets: [],
  };
}

const image = (size: number): ImageMeasurement => ({
  imageId: `sha256:${size}`,
  size,
  compressedSize: size,
  layers: [],
});
const finding = (severity: Finding['severity']): Finding => ({
  file: 'Dockerfile',
  line: 1,
  endLine: 1,
  rule: 'r',
  severity,
  message: 'm',
  aliases: [],
  docs: 'd',
});

describe('judgeJob', () => {
  it("fails on the pull request's new findings only, unless fail-on-existing-findings is on", () => {
    const linted = {
      findings: [
        { ...finding('error'), baseline: 'existing' as const },
        { ...finding('error'), line: 4, endLine: 4, baseline: 'new' as const },
      ],
      errors: [],
      baseline: { sha: 'abc', new: 1, existing: 1 },
    };
    expect(judgeJob(start(), { errors: [] }, linted, { errors: [] }).failures).toEqual([
      "1 new finding(s) at or above fail-on 'error'.",
    ]);
    const strict = start({ 'fail-on-existing-findings': 'true' });
    expect(judgeJob(strict, { errors: [] }, linted, { errors: [] }).failures).toEqual([
      "2 finding(s) at or above fail-on 'error'.",
    ]);
    const onlyExisting = { ...linted, findings: [linted.findings[0]] };
    expect(judgeJob(start(), { errors: [] }, onlyExisting, { errors: [] }).failures).toEqual([]);
  });

  it('passes with no error, no failed build, budgets kept and findings below fail-on', () => {
    const verdict = judgeJob(
      start(),
      { errors: [] },
      { findings: [finding('warning')], errors: [] },
      { errors: [] },
    );
    expect(verdict.failures).toEqual([]);
  });

  it("carries every phase's errors, then failed stages (the test once), budgets and findings", () => {
    const measured: JobMeasurements = {
      outcome: {
        engine: { backend: 'buildx', serverVersion: '29.0.0', imageStore: 'containerd' },
        builds: [
          { stage: 'build', status: 'failed', startedAt: 0, finishedAt: 1, durationMs: 1, cached: false },
          { stage: 'test', status: 'failed', startedAt: 0, finishedAt: 1, durationMs: 1, cached: false },
        ],
        test: { stage: 'test', result: 'failed' },
        errors: [],
      },
      image: image(300),
      base: { status: 'compared', sha: 'b', source: 'built', image: image(100) },
      errors: [{ step: 'size', message: 'could not measure' }],
    };
    const verdict = judgeJob(
      start({ 'max-size-increase': '50%', 'fail-on': 'warning' }),
      { errors: [{ step: 'inputs', message: 'no such stage' }] },
      { findings: [finding('warning'), finding('info')], errors: [] },
      measured,
    );
    expect(verdict.delta?.size).toBe(200);
    expect(verdict.failures).toEqual([
      'no such stage',
      'could not measure',
      "Stage 'build' failed to build.",
      "Test stage 'test' failed.",
      expect.stringContaining('50%'),
      "1 finding(s) at or above fail-on 'warning'.",
    ]);
    expect(verdict.errors.map((e) => e.step)).toEqual(['inputs', 'size']);
  });

  it('fails on a bad input, which the read phase carried as an error', () => {
    const verdict = judgeJob(
      start({ 'max-size': 'huge' }),
      { errors: [] },
      { findings: [], errors: [] },
      { errors: [] },
    );
    expect(verdict.failures).toEqual([expect.stringContaining("Input 'max-size' is 'huge'")]);
  });
});

describe('judgeJob: the test stage the base has and this commit deleted', () => {
  const noTestPlan = { plan: { target: 0, stages: [0], testSkipReason: 'no stage named test' }, errors: [] };
  const withBase = (stages: string[]): JobMeasurements => ({
    errors: [],
    base: { status: 'compared', sha: 'b', stages },
  });

  it('fails the gate when the base has the default test stage and the plan has none', () => {
    const verdict = judgeJob(
      start({ 'test-stage': 'test' }),
      noTestPlan,
      { findings: [], errors: [] },
      withBase(['build', 'Test']),
    );
    expect(verdict.test).toMatchObject({ stage: 'test', result: 'failed' });
    expect(verdict.test?.reason).toMatch(
      /base commit's .* has the test stage 'Test', and this commit's has none/,
    );
    expect(verdict.failures).toEqual([expect.stringMatching(/^Test stage 'test' was deleted: /)]);
  });

  it("passes when the base had no such stage either, or the gate is off (test-stage: '')", () => {
    const neither = judgeJob(
      start({ 'test-stage': 'test' }),
      noTestPlan,
      { findings: [], errors: [] },
      withBase(['app']),
    );
    const off = judgeJob(
      start({ 'test-stage': '' }),
      noTestPlan,
      { findings: [], errors: [] },
      withBase(['test']),
    );
    expect([neither.test, neither.failures, off.test, off.failures]).toEqual([undefined, [], undefined, []]);
  });
});

describe('judgeJob: a budget the failed base could not check', () => {
  it('says the base failed to build (the headline shows it as a warning, not a pass)', () => {
    const verdict = judgeJob(
      start({ 'max-size-increase': '5%' }),
      { errors: [] },
      { findings: [], errors: [] },
      { errors: [], image: image(100), base: { status: 'failed', sha: 'b', message: 'did not build' } },
    );
    expect(verdict.budgets).toEqual([
      expect.objectContaining({
        skipped: true,
        passed: true,
        message: expect.stringContaining('the base commit failed to build'),
      }),
    ]);
  });
});
