/**
 * The whole job with a fake engine whose builds print the secrets, as BuildKit does (RUN steps shown
 * with build args expanded, the step's own output): none may reach argv, the report file, SARIF, the
 * outputs, the summary, the annotations or the failure; the `secrets` value reaches docker only in
 * its environment.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJob } from '../../../src/main.js';
import { readJob } from '../../../src/phases/read.js';
import type { RunOptions } from '../../../src/seams/engine.js';
import { fail, fakeEngine, INFO_JSON, ok } from '../../helpers/fake-engine.js';
import { fakeRunner } from '../../helpers/fake-runner.js';

const MOUNTED = 'npm_mountedSecretValue';
const BUILD_ARG = 'argTokenValue999';

const DOCKERFILE = [
  'FROM stagegate/busybox:1 AS build',
  'ARG NPM_TOKEN',
  'RUN --mount=type=secret,id=npm cat /run/secrets/npm; echo "tok=$NPM_TOKEN"; exit 1',
  '',
  'FROM build AS test',
  'RUN true',
  '',
  'FROM build AS runtime',
  'CMD ["true"]',
  '',
].join('\n');

/** What docker build --progress=plain prints for the failing step, secrets and all. */
const BUILD_OUTPUT = [
  '#5 [build 2/2] RUN --mount=type=secret,id=npm cat /run/secrets/npm; echo "tok=' + BUILD_ARG + '"; exit 1',
  `#5 0.201 ${MOUNTED}`,
  `#5 0.202 tok=${BUILD_ARG}`,
  '#5 ERROR: executor failed running [/bin/sh -c cat /run/secrets/npm; echo "tok=$NPM_TOKEN"; exit 1]: exit code: 1',
  '------',
  ` > [build 2/2] RUN --mount=type=secret,id=npm cat /run/secrets/npm; echo "tok=${BUILD_ARG}"; exit 1:`,
  `#5 0.201 ${MOUNTED}`,
  '------',
  `executor failed running [/bin/sh -c cat /run/secrets/npm; echo "tok=$NPM_TOKEN"; exit 1]: exit code: 1`,
];

describe('secrets through the whole job', () => {
  it('never writes a secret anywhere, and gives the secrets input to docker in its environment only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stagegate-secrets-'));
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
    const builds: Array<{ args: string[]; env: RunOptions['env'] }> = [];
    const fake = fakeEngine({
      docker: (args, options) => {
        if (args[0] === 'info') return ok(INFO_JSON);
        if (args[0] === 'buildx') return fail('docker: buildx is not a docker command');
        if (args[0] === 'build') {
          builds.push({ args, env: options.env });
          return { exitCode: 1, lines: BUILD_OUTPUT };
        }
        return undefined;
      },
    });
    const runner = fakeRunner({
      inputs: {
        context: dir,
        'build-args': `NPM_TOKEN=${BUILD_ARG}`,
        secrets: `npm=${MOUNTED}`,
        compare: 'false',
      },
      // The context must be inside the workspace.
      event: { workspace: dir },
    });
    const reportPath = join(dir, 'out', 'report.json');
    const result = await runJob({ runner, engine: fake.engine, reportPath });

    expect(builds.length).toBeGreaterThan(0);
    for (const b of builds) {
      expect(b.args).toContain('--secret=id=npm,env=STAGEGATE_SECRET_0');
      expect(b.args.join(' ')).not.toContain(MOUNTED);
      expect(b.env).toMatchObject({ STAGEGATE_SECRET_0: MOUNTED });
    }
    expect(runner.secrets).toEqual(expect.arrayContaining([MOUNTED, BUILD_ARG]));

    const written = {
      report: readFileSync(reportPath, 'utf8'),
      sarif: readFileSync(runner.outputs['sarif-file'], 'utf8'),
      outputs: JSON.stringify(runner.outputs),
      summaries: runner.summaries.join('\n'),
      annotations: JSON.stringify(runner.annotations),
      infos: JSON.stringify(runner.infos),
      failures: result.failures.join('\n'),
      markdown: result.markdown ?? '',
    };
    for (const [where, text] of Object.entries(written)) {
      expect({ where, mounted: text.includes(MOUNTED), arg: text.includes(BUILD_ARG) }).toEqual({
        where,
        mounted: false,
        arg: false,
      });
    }
    // The failure is still reported, with the marker where the values were.
    const report = JSON.parse(written.report) as {
      test: { logTail: string[] };
      builds: { errorTail?: string[] }[];
    };
    expect(report.test.logTail).toEqual(expect.arrayContaining(['***', 'tok=***']));
    expect(report.builds[0].errorTail?.[0]).toContain('echo "tok=***"');
  });
});

describe('readJob and secrets', () => {
  it('masks every secret (a multi-line one line by line too) and warns, by name only, about ones too short to find', () => {
    const runner = fakeRunner({
      inputs: {
        context: 'examples/hello',
        secrets: 'short=q9\n"key=line-one-of-a-key\nline-two-of-a-key"',
        'build-args': 'API_KEY=longEnoughValue\nVERSION=1',
      },
    });
    const start = readJob(runner);
    expect(start.secrets).toEqual(['longEnoughValue', 'q9', 'line-one-of-a-key\nline-two-of-a-key']);
    expect(runner.secrets).toEqual(
      expect.arrayContaining(['q9', 'longEnoughValue', 'line-one-of-a-key', 'line-two-of-a-key']),
    );
    expect(runner.secrets).not.toContain('1');
    expect(runner.warnings).toEqual([
      expect.stringContaining("The value of secret 'short' is shorter than 4 characters"),
    ]);
    expect(runner.warnings[0]).not.toContain('q9');
  });
});
