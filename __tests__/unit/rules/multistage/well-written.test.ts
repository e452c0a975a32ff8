/**
 * A well-written multi-stage Dockerfile gets no finding at all from the multi-stage rules; its bad
 * twins (one change each) are caught, so the test cannot pass on rules that never fire.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { multistageRules } from '../../../../src/rules/multistage/index.js';
import { contextFor, type ContextOptions } from '../../../helpers/rule-context.js';

const fixture = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../fixtures/dockerfiles/multistage/well-written.Dockerfile',
);
const text = readFileSync(fixture, 'utf8');
const options: ContextOptions = {
  dockerignore: ['.git', 'node_modules', 'dist'],
  testStage: 'test',
  target: 'runtime',
};

function findings(dockerfile: string, opts: ContextOptions = options): string[] {
  const ctx = contextFor(dockerfile, opts);
  return multistageRules.flatMap((rule) => rule.check(ctx).map((hit) => `${rule.id}:${hit.line}`));
}

describe('a well-written multi-stage Dockerfile', () => {
  it('gets no multi-stage finding of any severity', () => {
    expect(findings(text)).toEqual([]);
  });

  it('is caught once each good habit is undone', () => {
    const twins: [string, string, string][] = [
      // distroless :nonroot already runs as uid 65532, so the twin drops both the tag and the USER.
      ['nodejs20-debian12:nonroot AS runtime', 'nodejs20-debian12 AS runtime', 'final-stage-root'],
      [
        'gcr.io/distroless/nodejs20-debian12:nonroot AS runtime',
        'node:20 AS runtime',
        'final-stage-full-image',
      ],
      ['npm ci --omit=dev', 'npm ci --only=production', 'npm-deprecated-production-flag'],
      ['COPY --from=build /app/dist ./dist', 'COPY --from=build /app ./', 'final-stage-build-tree'],
      [
        'COPY --from=prod-deps /app/node_modules',
        'COPY --from=deps /app/node_modules',
        'final-stage-dev-dependencies',
      ],
      ['COPY --from=test /tmp/tests-passed /tmp/tests-passed\n', '', 'test-stage-not-in-target'],
      ['COPY --from=build /app/dist', 'COPY - from=build /app/dist', 'malformed-flag'],
      ['COPY --from=prod-deps', 'COPY --from=prod-dep', 'copy-from-unknown-stage'],
      ['COPY --from=prod-deps', 'COPY --from=3', 'copy-from-index'],
    ];
    for (const [good, bad, rule] of twins) {
      expect(text).toContain(good);
      const twin = text.replace(good, bad).replace(rule === 'final-stage-root' ? 'USER nonroot\n' : '\0', '');
      const ids = findings(twin).map((f) => f.split(':')[0]);
      expect({ rule, caught: ids.includes(rule) }).toEqual({ rule, caught: true });
    }
    expect(findings(text, { ...options, dockerignore: undefined })).toContain('dockerignore-missing:14');
  });
});
