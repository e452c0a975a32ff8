import { describe, expect, it } from '@jest/globals';
import { planBuilds, plannedDependencies } from '../../../src/build/plan.js';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { UserError } from '../../../src/errors.js';
import { INPUT_DEFAULTS, readInputs, type Inputs } from '../../../src/inputs.js';

const inputs = (values: Record<string, string> = {}): Inputs => {
  const all: Record<string, string> = { ...INPUT_DEFAULTS, ...values };
  return readInputs((n) => all[n] ?? '');
};

const DOCKERFILE = [
  'FROM busybox AS Build', // 0
  'RUN make',
  'FROM build AS test', // 1
  'RUN make test',
  'FROM busybox AS lint', // 2
  'FROM busybox', // 3: unnamed
  'COPY --from=build /out /out',
  'FROM busybox AS release', // 4
  'COPY --from=3 /out /out',
  '',
].join('\n');
const model = parseDockerfile(DOCKERFILE, 'Dockerfile');

function planError(text: string, values: Record<string, string>): string {
  try {
    planBuilds(parseDockerfile(text, 'Dockerfile'), inputs(values));
  } catch (err) {
    if (err instanceof UserError) return err.message;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('planBuilds', () => {
  it('defaults: every named stage, the test stage and the last stage as target, each once', () => {
    expect(planBuilds(model, inputs())).toEqual({
      target: 4,
      testStage: 1,
      stages: [0, 1, 2, 4],
      testSkipReason: undefined,
    });
  });

  it('target, test-stage and stages are matched case-insensitively or by index', () => {
    expect(planBuilds(model, inputs({ target: 'BUILD', 'test-stage': 'Test', stages: 'LINT' }))).toEqual({
      target: 0,
      testStage: 1,
      stages: [0, 1, 2],
      testSkipReason: undefined,
    });
    expect(planBuilds(model, inputs({ target: '4', stages: 'build' })).stages).toEqual([0, 1, 4]);
  });

  it('a target that is the test stage is built once', () => {
    expect(planBuilds(model, inputs({ target: 'test', stages: 'test' })).stages).toEqual([1]);
  });

  it('an empty test-stage turns the gate off, with a reason', () => {
    const plan = planBuilds(model, inputs({ 'test-stage': '' }));
    expect(plan.testStage).toBeUndefined();
    expect(plan.testSkipReason).toContain("'test-stage' is empty");
    expect(plan.stages).toEqual([0, 1, 2, 4]); // `test` is still a named stage, so it is still built
  });

  it('a Dockerfile without the default test stage is fine: skipped with a reason', () => {
    const plan = planBuilds(parseDockerfile('FROM a AS build\nFROM b\n', 'Dockerfile'), inputs());
    expect(plan).toMatchObject({ target: 1, testStage: undefined, stages: [0, 1] });
    expect(plan.testSkipReason).toContain("no stage named 'test'");
  });

  it('names every unknown stage at once and lists the stages that exist', () => {
    const message = planError(DOCKERFILE, { target: 'prod', 'test-stage': 'tests', stages: 'build,nope' });
    expect(message.split('\n')).toEqual([
      "Input 'target' names stage 'prod', which the Dockerfile does not have. Stages in the Dockerfile: Build, test, lint, 3 (unnamed), release.",
      "Input 'test-stage' names stage 'tests', which the Dockerfile does not have. Stages in the Dockerfile: Build, test, lint, 3 (unnamed), release.",
      "Input 'stages' names stage 'nope', which the Dockerfile does not have. Stages in the Dockerfile: Build, test, lint, 3 (unnamed), release.",
    ]);
  });

  it('refuses a stage name that starts with -, and an unnamed stage BuildKit cannot target', () => {
    expect(planError(DOCKERFILE, { target: '--push' })).toContain("cannot start with '-'");
    expect(planError(DOCKERFILE, { stages: '3' })).toContain("Add 'AS <name>' to its FROM on line 6");
  });

  it('refuses a Dockerfile with no FROM, pointing at its first instruction', () => {
    try {
      planBuilds(parseDockerfile('\nCMD ["x"]\n', 'Dockerfile'), inputs());
      throw new Error('expected a UserError');
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toContain('has no FROM instruction');
      expect((err as UserError).location).toEqual({ file: 'Dockerfile', line: 2 });
    }
  });
});

describe('plannedDependencies', () => {
  it('waits for planned stages needed directly or through unplanned ones', () => {
    const plan = planBuilds(model, inputs());
    expect(plannedDependencies(model.graph, plan)).toEqual(
      new Map([
        [0, []],
        [1, [0]],
        [2, []],
        [4, [0]], // release -> 3 (not planned) -> build
      ]),
    );
  });
});
