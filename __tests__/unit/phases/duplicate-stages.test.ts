/**
 * Two stages of one name: BuildKit refuses to build the file but its linter reports
 * DuplicateStageName and checks the rest. The job does both: the plan refuses, the lint reports.
 */
import { describe, expect, it } from '@jest/globals';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { parseInputs } from '../../../src/inputs.js';
import { lintJob } from '../../../src/phases/lint.js';
import { planJob } from '../../../src/phases/plan.js';
import type { JobStart } from '../../../src/phases/read.js';
import { fakeRunner, TEST_EVENT } from '../../helpers/fake-runner.js';

const TEXT = 'FROM alpine:3.20 AS app\nRUN true\nFROM alpine:3.20 AS APP\nCMD echo hi\n';

function start(): JobStart {
  const { inputs } = parseInputs(() => '');
  return {
    event: TEST_EVENT,
    inputs,
    errors: [],
    badInputs: false,
    secrets: [],
    model: parseDockerfile(TEXT, 'Dockerfile', [], { allowDuplicateStageNames: true }),
  };
}

describe('a Dockerfile with two stages of one name', () => {
  it('is refused by the plan, at the second definition, and never built', () => {
    const planned = planJob(start());
    expect(planned.plan).toBeUndefined();
    expect(planned.errors).toEqual([
      expect.objectContaining({
        step: 'dockerfile',
        message: expect.stringContaining("Dockerfile:3: stage name 'APP' is already used"),
      }),
    ]);
  });

  it('is still linted: DuplicateStageName at the second FROM, and the other rules too', () => {
    const s = start();
    const { findings, errors } = lintJob(fakeRunner(), s, planJob(s));
    expect(errors).toEqual([]);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'duplicate-stage-name', line: 3, severity: 'error' }),
    );
    // The rest of the file is linted: the shell-form CMD on line 4.
    expect(findings.map((f) => `${f.rule}:${f.line}`)).toContain('json-args-recommended:4');
  });
});
