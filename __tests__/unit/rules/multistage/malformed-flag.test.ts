import { describe, expect, it } from '@jest/globals';
import { malformedFlag } from '../../../../src/rules/multistage/malformed-flag.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

const build = ['FROM alpine:3.20 AS build'];

describe('malformed-flag', () => {
  it('flags the seed: COPY - from=build', () => {
    const hits = hitsOf(malformedFlag, [...build, 'FROM alpine:3.20', 'COPY - from=build /out /app']);
    expect(hits.map((h) => h.line)).toEqual([3]);
    expect(hits[0]?.message).toContain('`--from=build`');
  });

  it('flags --from without =, single dashes, typographic dashes, bare from=, unknown flags and split mounts', () => {
    const cases: [string, string][] = [
      ['COPY --from build /out /app', '`--from=build`'],
      ['COPY -from=build /out /app', '`--from=build`'],
      ['COPY \u2014from=build /out /app', 'typographic dash'],
      ['COPY from=build /out /app', '`--from=build`'],
      ['COPY -- from=build /out /app', '`--from=build`'],
      ['COPY --form=build /out /app', '`--form` is not a COPY flag'],
      ['ADD --from=build /out /app', '`--from` is not a ADD flag'],
      ['RUN --mnt=type=cache,target=/x true', '`--mnt` is not a RUN flag'],
      ['RUN --mount=type=cache target=/root/.npm npm ci', 'split by a space'],
      ['RUN - mount=type=cache,target=/x true', '`--mount=type=cache,target=/x`'],
    ];
    for (const [line, expected] of cases) {
      const hits = hitsOf(malformedFlag, [...build, 'FROM alpine:3.20', line]);
      expect({ line, hits: hits.map((h) => h.line) }).toEqual({ line, hits: [3] });
      expect(hits[0]?.message).toContain(expected);
    }
  });

  it('passes well-formed flags, boolean flags, exec form and RUN assignments', () => {
    expect(
      linesOf(malformedFlag, [
        ...build,
        'FROM --platform=$BUILDPLATFORM alpine:3.20',
        'COPY --from=build --chown=1000:1000 --chmod=755 --link /out /app',
        'COPY --parents --exclude=*.md src/ /src/',
        'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /a.tgz',
        'ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.10.1 /buildkit',
        'RUN --mount=type=cache,target=/root/.npm --network=none npm ci',
        'RUN --mount=from=build,src=/out,rw ls',
        'RUN network=none sh -c true',
        'COPY ["a b", "/c/"]',
        'COPY <<EOF /etc/motd',
        'hello',
        'EOF',
      ]),
    ).toEqual([]);
  });
});
