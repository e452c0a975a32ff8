/**
 * compareFindingsWithBase: the base commit's Dockerfile, read with `git show` through the engine
 * seam and linted like the head's, marks each finding new or existing, whatever became of the base
 * build, and without a base every finding is new.
 */
import { describe, expect, it } from '@jest/globals';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { parseInputs } from '../../../src/inputs.js';
import type { BaseComparison } from '../../../src/model.js';
import type { JobContext } from '../../../src/phases/context.js';
import { compareFindingsWithBase, lintJob } from '../../../src/phases/lint.js';
import type { JobStart } from '../../../src/phases/read.js';
import { NO_CACHE } from '../../../src/seams/cache.js';
import type { EventContext } from '../../../src/seams/runner.js';
import { createScanStore } from '../../../src/image/scan-store.js';
import { fakeEngine, fail, ok, type FakeEngine } from '../../helpers/fake-engine.js';
import { fakeRunner, TEST_EVENT } from '../../helpers/fake-runner.js';

const BASE_SHA = 'b'.repeat(40);
const REPO = process.cwd();
const FILE = 'nf/Dockerfile';

const BASE = [
  'FROM alpine:3.20 AS build',
  'RUN cd /src && make',
  'FROM alpine:3.20',
  'COPY --from=build /x /x',
  '',
];
/** Two lines added above the base's finding, and a new one of the same rule. */
const HEAD = [
  'FROM alpine:3.20 AS build',
  'WORKDIR /src',
  'RUN echo prepare',
  'RUN cd /src && make',
  'FROM alpine:3.20',
  'COPY --from=build /x /x',
  'RUN cd /tmp && echo new',
  '',
];

const PR_EVENT: EventContext = {
  ...TEST_EVENT,
  eventName: 'pull_request',
  pullRequest: { number: 7, baseSha: BASE_SHA, headSha: 'h'.repeat(40), baseRef: 'main', fromFork: false },
};

/** git as the base checkout answers it; `showable` is the base commit's file, if it has one. */
function git(showable: string | undefined): FakeEngine {
  return fakeEngine({
    git: (args) => {
      if (args[0] === 'rev-parse' && args[1] === '--show-toplevel') return ok(`${REPO}\n`);
      if (args[0] === 'rev-parse' && args[1] === '--verify') return ok(`${BASE_SHA}\n`);
      if (args[0] === 'rev-list') return ok(`${BASE_SHA}\n`);
      if (args[0] === 'show')
        return args[1] === `${BASE_SHA}:${FILE}` && showable !== undefined
          ? ok(showable)
          : fail(`fatal: path '${FILE}' does not exist in '${BASE_SHA}'`, 128);
      return undefined;
    },
  });
}

function setUp(event: EventContext, inputs: Record<string, string> = {}) {
  const values: Record<string, string> = { file: FILE, context: 'nf', ...inputs };
  const parsed = parseInputs((n) => values[n] ?? '');
  const start: JobStart = {
    event,
    inputs: parsed.inputs,
    model: parseDockerfile(HEAD.join('\n'), FILE),
    errors: [],
    badInputs: false,
    secrets: [],
  };
  const runner = fakeRunner();
  return { start, runner, head: lintJob(runner, start, { errors: [] }) };
}

function contextWith(engine: FakeEngine): JobContext {
  return {
    runner: fakeRunner(),
    engine: engine.engine,
    docker: engine.docker,
    cache: NO_CACHE,
    scans: createScanStore(),
    signal: new AbortController().signal,
  };
}

/** The use-workdir (`cd` in RUN) findings by line, with their baseline. */
const workdirStates = (findings: { rule: string; line: number; baseline?: string }[]): string[] =>
  findings.filter((f) => f.rule === 'use-workdir').map((f) => `${f.line}:${f.baseline}`);

describe('compareFindingsWithBase', () => {
  const baseOutcomes: Array<[string, Record<string, string>, BaseComparison | undefined]> = [
    [
      'the base build was skipped (compare: false)',
      { compare: 'false' },
      { status: 'disabled', message: 'compare is false' },
    ],
    ['the base failed to build', {}, { status: 'failed', sha: BASE_SHA, message: 'did not build' }],
    ['the job ended before building (no engine)', {}, undefined],
    ['the base was compared from a saved report', {}, { status: 'compared', sha: BASE_SHA, source: 'cache' }],
  ];
  for (const [why, inputs, base] of baseOutcomes) {
    it(`marks the moved old finding existing and the added one new when ${why}`, async () => {
      const { start, head } = setUp(PR_EVENT, inputs);
      const engine = git(BASE.join('\n'));
      const marked = await compareFindingsWithBase(contextWith(engine), start, { errors: [] }, head, {
        errors: [],
        base,
      });
      expect(workdirStates(marked.findings)).toEqual(['4:existing', '7:new']);
      expect(marked.baseline).toMatchObject({ sha: BASE_SHA, existing: expect.any(Number) });
      expect(marked.baseline!.existing).toBeGreaterThanOrEqual(1);
      expect(marked.baseline!.new + marked.baseline!.existing).toBe(marked.findings.length);
      // The file is read at the commit, never built or checked out for this.
      expect(engine.calls.some(([, args]) => args[0] === 'show' && args[1] === `${BASE_SHA}:${FILE}`)).toBe(
        true,
      );
      expect(engine.calls.some(([, args]) => args[0] === 'worktree' || args[0] === 'fetch')).toBe(false);
    });
  }

  it('counts every finding as new when the base commit has no such Dockerfile', async () => {
    const { start, head } = setUp(PR_EVENT, { compare: 'false' });
    const marked = await compareFindingsWithBase(contextWith(git(undefined)), start, { errors: [] }, head, {
      errors: [],
    });
    expect(workdirStates(marked.findings)).toEqual(['4:new', '7:new']);
    expect(marked.baseline).toEqual({
      new: marked.findings.length,
      existing: 0,
      reason: `the base commit ${BASE_SHA.slice(0, 7)} has no ${FILE}`,
    });
  });

  it('counts every finding as new on a push, without asking git', async () => {
    const { start, head } = setUp(TEST_EVENT);
    const engine = git(BASE.join('\n'));
    const marked = await compareFindingsWithBase(contextWith(engine), start, { errors: [] }, head, {
      errors: [],
    });
    expect(workdirStates(marked.findings)).toEqual(['4:new', '7:new']);
    expect(marked.baseline?.reason).toMatch(/not a pull request/);
    expect(engine.calls).toEqual([]);
  });

  it('does not look again for a base commit the size comparison could not find', async () => {
    const { start, head } = setUp(PR_EVENT);
    const engine = git(BASE.join('\n'));
    const marked = await compareFindingsWithBase(contextWith(engine), start, { errors: [] }, head, {
      errors: [],
      base: { status: 'failed', message: 'The base commit main is not in the checkout' },
    });
    expect(workdirStates(marked.findings)).toEqual(['4:new', '7:new']);
    expect(marked.baseline?.reason).toBe('The base commit main is not in the checkout');
    expect(engine.calls).toEqual([]);
  });
});
