/**
 * Behaviour of the rules for hadolint's DL checks beyond the docs examples: ONBUILD triggers, heredocs,
 * `sh -c`, stage scoping, line ranges and messages (a DL check with a BuildKit twin is that BuildKit
 * rule). Snippets are our own.
 */
import { describe, expect, test } from '@jest/globals';
import type { DockerfileModel } from '../../../src/dockerfile/types.js';
import { hadolintRules } from '../../../src/rules/hadolint/index.js';
import { allRules } from '../../../src/rules/registry.js';
import type { RuleHit, RuleSettings } from '../../../src/rules/types.js';
import { contextForModel, DEFAULT_SETTINGS } from '../../helpers/rule-context.js';
import { modelOrBareAst } from '../../helpers/lint-models.js';

const modelOf = (text: string): DockerfileModel => modelOrBareAst(text);

/** The rules for hadolint's checks: the hadolint family and the BuildKit rules that took a DL twin in. */
const dlRules = allRules.filter(
  (r) => hadolintRules.includes(r) || r.aliases.some((a) => /^DL\d{4}$/.test(a)),
);

function hits(id: string, text: string, settings: Partial<RuleSettings> = {}, target?: number): RuleHit[] {
  const rule = allRules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(
    contextForModel(modelOf(text), { settings: { ...DEFAULT_SETTINGS, ...settings }, target }),
  );
}

describe('hadolint-family rules', () => {
  test('ids are unique kebab-case, and every rule names at least one DL alias and a description', () => {
    const ids = hadolintRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of hadolintRules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      // The shellcheck rule's aliases are per finding (its SC codes), not the rule's.
      if (rule.id !== 'shellcheck') expect(rule.aliases.some((a) => /^DL\d{4}$/.test(a))).toBe(true);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  test('covers the DL rules the issue asks for', () => {
    const aliases = new Set(dlRules.flatMap((r) => r.aliases));
    const wanted = [
      ...[0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 23, 24, 25, 27, 28, 29, 30],
      ...[32, 33, 34, 36, 38, 40, 42, 43, 44, 45, 46, 47, 57, 59, 60, 61, 62, 63, 64, 65, 67],
    ].map((n) => `DL${3000 + n}`);
    for (const id of [...wanted, 'DL4000', 'DL4001', 'DL4003', 'DL4004', 'DL4005', 'DL4006'])
      expect([id, aliases.has(id)]).toEqual([id, true]);
  });

  test('a hit spans the whole instruction, continuation lines included', () => {
    const text =
      'FROM debian:12-slim\nRUN apt-get update \\\n  && apt-get install -y --no-install-recommends curl\n';
    expect(hits('apt-pin-versions', text)).toMatchObject([{ line: 2, endLine: 3 }]);
  });

  test('ONBUILD triggers are checked like the instruction they wrap, at the ONBUILD line', () => {
    const text = 'FROM node:22-alpine\nONBUILD RUN npm install express\n';
    expect(hits('npm-pin-versions', text)).toMatchObject([{ line: 2, endLine: 2 }]);
    expect(hits('apt-pin-versions', 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n')).toHaveLength(1);
  });

  test('heredoc RUNs are read as scripts', () => {
    const text = 'FROM alpine:3.20\nRUN <<EOF\nset -e\napk add curl\nEOF\n';
    expect(hits('apk-pin-versions', text)).toMatchObject([{ line: 2, endLine: 5 }]);
    expect(hits('apk-no-cache', text)).toHaveLength(1);
  });

  test('COPY heredocs: the body is not taken for arguments', () => {
    const text =
      'FROM alpine:3.20\nCOPY --chmod=755 <<EOF /usr/local/bin/run.sh\n#!/bin/sh\nexec "$@"\nEOF\n';
    expect(hits('copy-dest-dir-slash', text)).toEqual([]);
    expect(hits('copy-relative-without-workdir', text)).toEqual([]);
    expect(hits('copy-dest-dir-slash', 'FROM alpine:3.20\nCOPY <<A <<B /etc/x\na\nA\nb\nB\n')).toHaveLength(
      1,
    );
  });

  test('copying all of a stage built on scratch is not flagged (it holds only what was put in)', () => {
    const text =
      'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch AS bin\nCOPY --from=build /out/app /\n' +
      'FROM bin AS bin-linux\nFROM alpine:3.20\nCOPY --from=bin-linux / /\nCOPY --from=build / /\n';
    expect(hits('copy-whole-filesystem', text).map((h) => h.line)).toEqual([8]);
  });

  test('commands inside sh -c are checked', () => {
    expect(hits('no-sudo', 'FROM debian:12\nRUN sh -c "sudo make install"\n')).toHaveLength(1);
  });

  test('exec-form RUN is checked', () => {
    expect(hits('apk-no-cache', 'FROM alpine:3.20\nRUN ["apk", "add", "curl=8.9.1-r0"]\n')).toHaveLength(1);
  });

  test('a comment line inside a continued RUN does not hide the rest of the command', () => {
    const text =
      'FROM debian:12\nRUN apt-get update \\\n  # lists are removed below\n  && rm -rf /var/lib/apt/lists/*\n';
    expect(hits('apt-clean-lists', text)).toEqual([]);
  });

  test('apt lists left in a builder stage that only ships artifacts are not flagged', () => {
    const text =
      'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3\n' +
      'FROM debian:12-slim\nCOPY --from=build /usr/bin/gcc /usr/bin/gcc\n';
    expect(hits('apt-clean-lists', text)).toEqual([]);
    const inherited = text.replace('FROM debian:12-slim', 'FROM build');
    expect(hits('apt-clean-lists', inherited)).toEqual([{ line: 2, endLine: 2 }]);
  });

  test('pipefail resets at FROM and accepts ash for alpine', () => {
    const text =
      'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN wget -qO- https://x | tar -x\n' +
      'FROM alpine:3.20\nRUN wget -qO- https://x | tar -x\n';
    expect(hits('pipefail', text)).toEqual([{ line: 5, endLine: 5 }]);
    expect(hits('pipefail', 'FROM alpine:3.20\nRUN a || b\n')).toEqual([]);
  });

  test('pipefail sees pipes inside heredocs and subshells', () => {
    expect(hits('pipefail', 'FROM debian:12\nRUN <<EOF\ncurl -fsSL https://x | sh\nEOF\n')).toHaveLength(1);
    expect(hits('pipefail', 'FROM debian:12\nRUN echo $(cat f | wc -l)\n')).toHaveLength(1);
  });

  test('pipefail: pipes written only by echo/printf are reported at info, any fallible writer at warning', () => {
    const severities = (run: string) =>
      hits('pipefail', `FROM debian:12\nRUN ${run}\n`).map((h) => h.severity);
    expect(severities(`arch=$(echo $TARGETARCH | sed s/amd64/x86_64/) && wget https://x/$arch.zip`)).toEqual([
      'info',
    ]);
    expect(severities(`printf '%s\\n' "$CONF" | tee /etc/app.conf && echo ok | cat`)).toEqual(['info']);
    // sed writes into tee: its failure hides behind tee's success.
    expect(severities(`echo "$X" | sed 's/a/b/' | tee /f`)).toEqual([undefined]);
    expect(severities(`echo x | cat && curl -fsSL https://x | tar -x`)).toEqual([undefined]);
    expect(severities(`/bin/echo x | sh`)).toEqual(['info']);
  });

  test('consecutive RUNs: one hit per extra RUN, reset by any other instruction', () => {
    const text = 'FROM alpine:3.20\nRUN a\nRUN b\nRUN c\nENV X=1\nRUN d\n';
    expect(hits('consecutive-runs', text).map((h) => h.line)).toEqual([3, 4]);
  });

  test('one CMD/ENTRYPOINT/HEALTHCHECK per stage, counted per stage (DL4003, at the dropped one)', () => {
    const text = 'FROM alpine:3.20 AS a\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]\nCMD ["c"]\n';
    expect(hits('multiple-instructions-disallowed', text).map((h) => [h.line, h.relatedLines])).toEqual([
      [4, [5]],
    ]);
  });

  test('image-tag ignores scratch, variables and earlier stage names', () => {
    const text = 'ARG BASE=alpine:3.20\nFROM ${BASE} AS base\nFROM base\nFROM scratch\nFROM busybox\n';
    expect(hits('image-tag', text)).toEqual([
      {
        line: 5,
        endLine: 5,
        message: 'Always tag the version of an image explicitly: `busybox` has no tag.',
      },
    ]);
  });

  test('trusted-registries is off without a list, and checks FROM, COPY --from and RUN --mount=from', () => {
    const text =
      'FROM ghcr.io/acme/base:1 AS base\nCOPY --from=quay.io/acme/tools:1 /bin/t /bin/t\n' +
      'RUN --mount=type=bind,from=base,target=/b true\nFROM base\n';
    expect(hits('trusted-registries', text)).toEqual([]);
    expect(hits('trusted-registries', text, { trustedRegistries: ['ghcr.io'] }).map((h) => h.line)).toEqual([
      2,
    ]);
    expect(hits('trusted-registries', text, { trustedRegistries: ['*.io'] })).toEqual([]);
  });

  test('healthcheck-missing looks at the targeted stage and the stages it is built FROM', () => {
    const text = 'FROM nginx:1.27 AS web\nHEALTHCHECK NONE\nFROM web AS prod\nFROM alpine:3.20 AS tools\n';
    expect(hits('healthcheck-missing', text, {}, 1)).toEqual([]);
    expect(hits('healthcheck-missing', text, {}, 2)).toEqual([{ line: 4, endLine: 4 }]);
  });

  test('variables in yum/dnf packages are resolved from ARG and the stage chain ENV', () => {
    const text =
      'FROM fedora:41 AS base\nENV V=2.47.0-1.fc41\nFROM base\nRUN dnf install -y git-${V} && dnf clean all\n';
    expect(hits('dnf-pin-versions', text)).toEqual([]);
    expect(hits('dnf-pin-versions', text.replace('FROM base\n', 'FROM fedora:41\n'))).toHaveLength(1);
  });

  test('pinning rules name the unpinned packages', () => {
    const text =
      'FROM debian:12\nRUN apt-get install -y --no-install-recommends -t bookworm-backports curl=8.1 jq git\n';
    expect(hits('apt-pin-versions', text)[0]?.message).toBe(
      'Pin versions in apt-get install: `jq`, `git` (use `apt-get install <package>=<version>`).',
    );
    const many = 'FROM alpine:3.20\nRUN apk add --no-cache a b c d e f g\n';
    expect(hits('apk-pin-versions', many)[0]?.message).toContain('`e` and 2 more');
    expect(hits('go-install-pin-versions', 'FROM golang:1.23\nRUN go run example.com/x@v1 serve\n')).toEqual(
      [],
    );
  });

  test('messages name what is wrong', () => {
    expect(hits('env-self-reference', 'FROM alpine:3.20\nENV A=1 B=${A}\n')[0]?.message).toBe(
      '`B` refers to `A`, which is defined in the same ENV.',
    );
    expect(hits('expose-valid-ports', 'FROM alpine:3.20\nEXPOSE 8080 70000/udp\n')[0]?.message).toContain(
      '70000/udp',
    );
    expect(hits('secrets-used-in-arg-or-env', 'FROM alpine:3.20\nARG dbPassword\n')[0]?.message).toContain(
      'dbPassword',
    );
  });

  test('secrets-used-in-arg-or-env (DL3064) matches words, not substrings', () => {
    expect(
      hits('secrets-used-in-arg-or-env', 'FROM alpine:3.20\nARG MONKEY_BUSINESS=1\nENV TOKENIZER_PATH=/t\n'),
    ).toEqual([]);
    expect(hits('secrets-used-in-arg-or-env', 'FROM alpine:3.20\nENV NPM_TOKEN=abc\n')).toHaveLength(1);
  });

  test('a well-written multi-stage Dockerfile gets no warning or error from the family', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'FROM node:22.11-alpine AS deps',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci --omit=dev',
      '',
      'FROM node:22.11-alpine AS build',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN npm run build',
      '',
      'FROM build AS test',
      'RUN npm test',
      '',
      'FROM gcr.io/distroless/nodejs22-debian12:nonroot',
      'WORKDIR /app',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY --from=build /app/dist ./dist',
      'USER 65532',
      'CMD ["dist/server.js"]',
      '',
    ].join('\n');
    const loud = dlRules
      .filter((r) => r.severity === 'error' || r.severity === 'warning')
      .filter((r) => hits(r.id, text).length > 0)
      .map((r) => r.id);
    expect(loud).toEqual([]);
  });

  test('no rule throws on odd input: empty file, no FROM, escape directive, CRLF, broken heredoc', () => {
    const odd = [
      '',
      '# only a comment\n',
      'RUN echo hi\n',
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n  && echo b\nWORKDIR C:\\app\n',
      'FROM alpine:3.20\r\nRUN apk add curl \\\r\n  wget\r\n',
      'FROM alpine:3.20\nRUN <<EOF\napk add curl\n',
      'FROM\nCOPY\nUSER\nEXPOSE\nENV\nLABEL\nONBUILD\nSHELL []\nHEALTHCHECK\n',
      'FROM alpine:3.20\nRUN echo "unterminated\n',
    ];
    for (const text of odd) for (const rule of dlRules) expect(() => hits(rule.id, text)).not.toThrow();
  });
});
