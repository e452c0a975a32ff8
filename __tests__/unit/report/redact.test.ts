/** Redaction: every string of the report model, every rendering made from it, every runner message. */
import { describe, expect, it } from '@jest/globals';
import type { Report } from '../../../src/model.js';
import { annotationsFor } from '../../../src/report/annotations.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import {
  createRedactor,
  redactDeep,
  redactingRunner,
  REDACTED,
  SECRET_NAME,
} from '../../../src/report/redact.js';
import { toSarif } from '../../../src/report/sarif.js';
import { allRules } from '../../../src/rules/registry.js';
import { fakeRunner } from '../../helpers/fake-runner.js';
import { finding, grewReport } from './fixtures.js';

const TOKEN = 's3cr3t-npm-token';
const PASSWORD = 'hunter2hunter2';
/** A value stagegate never saw: only its name says it is secret (a base image's history). */
const FOREIGN = 'ghp_fromTheBaseImage';

/** A report with the secrets everywhere BuildKit and image history put them. */
function leakyReport(): Report {
  const report = grewReport();
  report.builds = [
    {
      stage: 'build',
      status: 'failed',
      startedAt: 0,
      finishedAt: 1,
      durationMs: 1,
      cached: false,
      errorTail: [`> [build 2/2] RUN echo "tok=${TOKEN}"`, TOKEN, 'ERROR: exit code: 1'],
    },
  ];
  report.test = {
    stage: 'test',
    result: 'failed',
    failedStep: { kind: 'build', command: `RUN curl -u admin:${PASSWORD} https://x`, line: 4 },
    logTail: [`login as admin:${PASSWORD}`],
  };
  report.image!.layers[2].createdBy = `RUN |2 NPM_TOKEN=${TOKEN} VERSION=1 /bin/sh -c npm ci`;
  report.image!.layers[1].createdBy = `RUN |1 GITHUB_TOKEN=${FOREIGN} /bin/sh -c make`;
  report.base.message = `The base commit did not build:\nnpm ERR! 401 for token ${TOKEN}`;
  report.findings = [finding('error', 3, 'secrets-used-in-arg-or-env', `ARG NPM_TOKEN=${TOKEN} is kept`)];
  report.errors = [{ step: 'build', message: `failed with ${encodeURIComponent(PASSWORD + '/x')}` }];
  return report;
}

describe('createRedactor', () => {
  const redact = createRedactor([TOKEN, PASSWORD]);

  it('replaces a value wherever it occurs, and keeps the text around it', () => {
    expect(redact(`echo "tok=${TOKEN}" && echo ${PASSWORD}!`)).toBe('echo "tok=***" && echo ***!');
  });

  it('replaces the value after a secret-looking name even when stagegate never saw it (image history)', () => {
    expect(redact(`RUN |3 NPM_TOKEN=${TOKEN} api_key="a b c" VERSION=1 /bin/sh -c x`)).toBe(
      'RUN |3 NPM_TOKEN=*** api_key=*** VERSION=1 /bin/sh -c x',
    );
    expect(redact(`RUN |1 GITHUB_TOKEN=${FOREIGN} /bin/sh -c make`)).not.toContain(FOREIGN);
    expect(redact('--build-arg=DB_PASSWORD=xy')).toBe('--build-arg=DB_PASSWORD=***');
  });

  it('does not take names that merely end in a secret-looking word for other words (VERSION, MODE)', () => {
    expect(redact('VERSION=1 MODE=prod')).toBe('VERSION=1 MODE=prod');
    expect(SECRET_NAME.test('NPM_TOKEN')).toBe(true);
  });

  it('never replaces a short value on its own (every "ab" would go), only after its name', () => {
    const short = createRedactor(['ab']);
    expect(short('about a cab')).toBe('about a cab');
    expect(short('API_KEY=ab and then')).toBe(`API_KEY=${REDACTED} and then`);
  });

  it('finds a value URL-encoded, and a multi-line value line by line', () => {
    const key = '-----BEGIN KEY-----\nAAAAB3NzaC1yc2EAAAADAQAB\n-----END KEY-----';
    const r = createRedactor([key, 'p@ss w/rd!']);
    expect(r('log: AAAAB3NzaC1yc2EAAAADAQAB')).toBe('log: ***');
    expect(r('https://u:p%40ss%20w%2Frd!@host/')).toBe('https://u:***@host/');
  });

  it('is idempotent, also on the marker as Markdown escapes it (the output equals the posted comment)', () => {
    const once = redact(`NPM_TOKEN=${TOKEN} and ${PASSWORD}`);
    expect(redact(once)).toBe(once);
    expect(redact('NPM\\_TOKEN=\\*\\*\\* KEY="***"')).toBe('NPM\\_TOKEN=\\*\\*\\* KEY="***"');
  });

  it('replaces the longer of two overlapping values whole', () => {
    expect(createRedactor(['abcd', 'abcdefgh'])('x abcdefgh y')).toBe('x *** y');
  });

  it('treats regular-expression characters in a value as text', () => {
    expect(createRedactor(['a.b*c(d)'])('a.b*c(d) axbbbcd')).toBe('*** axbbbcd');
  });
});

describe('redactDeep', () => {
  it('redacts every string of a report, in a copy, and leaves numbers and keys alone', () => {
    const report = leakyReport();
    const redacted = redactDeep(report, createRedactor([TOKEN, PASSWORD]));
    const text = JSON.stringify(redacted);
    for (const secret of [TOKEN, PASSWORD, FOREIGN, encodeURIComponent(PASSWORD)])
      expect(text).not.toContain(secret);
    expect(redacted.image!.layers[2].createdBy).toBe('RUN |2 NPM_TOKEN=*** VERSION=1 /bin/sh -c npm ci');
    expect(redacted.builds[0].errorTail).toEqual([
      '> [build 2/2] RUN echo "tok=***"',
      '***',
      'ERROR: exit code: 1',
    ]);
    expect(redacted.test.logTail).toEqual(['login as admin:***']);
    expect(redacted.image!.size).toBe(report.image!.size);
    // The original is untouched (publish keeps nothing but the copy).
    expect(JSON.stringify(report)).toContain(TOKEN);
  });

  it('leaves no secret in any rendering of the redacted report: Markdown, SARIF, annotations', () => {
    const redacted = redactDeep(leakyReport(), createRedactor([TOKEN, PASSWORD]));
    const renderings = [
      renderMarkdown(redacted),
      JSON.stringify(toSarif(redacted.findings, allRules)),
      JSON.stringify(annotationsFor(redacted.findings)),
    ];
    for (const text of renderings)
      for (const secret of [TOKEN, PASSWORD, FOREIGN]) expect(text).not.toContain(secret);
    // Without redaction the same renderings do carry them: the test would see a leak.
    expect(renderMarkdown(leakyReport())).toContain(TOKEN);
  });
});

describe('redactingRunner', () => {
  it('redacts annotations, their titles, outputs, the summary and the failure; inputs pass', async () => {
    const inner = fakeRunner({ inputs: { 'build-args': `NPM_TOKEN=${TOKEN}` } });
    const runner = redactingRunner(inner, createRedactor([TOKEN]));
    runner.error(`bad ${TOKEN}`, { title: `step ${TOKEN}` });
    runner.warning(`warn ${TOKEN}`);
    runner.notice(`note ${TOKEN}`);
    runner.info(`line ${TOKEN}`);
    runner.setOutput('comment-body', `body ${TOKEN}`);
    await runner.writeSummary(`summary ${TOKEN}`);
    runner.setFailed(`failed ${TOKEN}`);
    const written = JSON.stringify([
      inner.annotations,
      inner.infos,
      inner.outputs,
      inner.summaries,
      inner.failed,
    ]);
    expect(written).not.toContain(TOKEN);
    expect(inner.annotations[0]).toEqual({
      level: 'error',
      message: 'bad ***',
      props: { title: 'step ***' },
    });
    expect(runner.getInput('build-args')).toBe(`NPM_TOKEN=${TOKEN}`);
  });
});
