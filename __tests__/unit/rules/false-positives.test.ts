/**
 * Classes of false positives found by judging findings on real Dockerfiles (issue 14), each pinned
 * with our own snippets: the pattern a real project uses must not be flagged, and the mistake the rule
 * is about still must.
 */
import { describe, expect, test } from '@jest/globals';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { runLint } from '../../../src/rules/lint.js';
import { allRules } from '../../../src/rules/registry.js';
import type { Rule } from '../../../src/rules/types.js';
import { hitsOf, linesOf, type ContextOptions } from '../../helpers/rule-context.js';

function rule(id: string): Rule {
  const found = allRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

const lines = (id: string, text: string[], options: ContextOptions = {}): number[] =>
  linesOf(rule(id), text, options);

describe('COPY arguments are split as the shell splits them', () => {
  test('a quoted prefix joins the rest of the destination into one argument', () => {
    const text = ['FROM alpine:3.20', 'ARG APP=/app', 'COPY a "$APP"/bin', 'COPY "a b" "$APP"/x'];
    expect(lines('copy-dest-dir-slash', text)).toEqual([]);
  });

  test('`.`, `..` and paths ending in `/.` are directories', () => {
    const text = ['FROM alpine:3.20', 'WORKDIR /app', 'COPY a b .', 'COPY a b ..', 'COPY a b /app/.'];
    expect(lines('copy-dest-dir-slash', text)).toEqual([]);
  });

  test('several sources into a file-like destination are still flagged, quoted or not', () => {
    const text = [
      'FROM alpine:3.20',
      'COPY a b /app',
      'COPY a b "$APP"/bin',
      'COPY a b "/app/"',
      'COPY a b .x',
    ];
    expect(lines('copy-dest-dir-slash', text)).toEqual([2, 3, 5]);
  });
});

describe('per-platform stages and platform variables', () => {
  const perArch = [
    'FROM --platform=linux/amd64 debian:12-slim AS base-amd64',
    'FROM --platform=linux/arm64 debian:12-slim AS base-arm64',
    'FROM base-${TARGETARCH} AS runtime',
  ];
  const PLATFORM_RULES = ['no-from-platform', 'from-platform-flag-const-disallowed'];

  test.each(PLATFORM_RULES)('%s: stages picked by FROM base-${TARGETARCH} are not flagged', (id) => {
    expect(lines(id, perArch)).toEqual([]);
  });

  test.each(PLATFORM_RULES)('%s: a stage picked by COPY --from=build-$TARGETARCH is not flagged', (id) => {
    const text = [
      'FROM --platform=linux/amd64 golang:1.23 AS Build-X64',
      'FROM alpine:3.20',
      'ARG TARGETARCH',
      'COPY --from=build-$TARGETARCH /out/app /app',
    ];
    // BuildKit's own check only skips stages named for the OS or architecture; `x64` is neither.
    expect(lines(id, text)).toEqual(id === 'no-from-platform' ? [] : [1]);
  });

  test.each(PLATFORM_RULES)('%s: platforms written with variables are never constant', (id) => {
    const text = [
      'ARG JS_PLATFORM=linux/amd64',
      'FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20 AS a',
      'FROM --platform=${BUILDPLATFORM} alpine:3.20 AS b',
      'FROM --platform=${TARGETPLATFORM} alpine:3.20 AS c',
      'FROM --platform=${JS_PLATFORM} node:22-alpine AS d',
    ];
    expect(lines(id, text)).toEqual([]);
  });

  test('no-from-platform: a bare ${BASE_IMAGE} picks no stage by its name', () => {
    const text = ['ARG BASE_IMAGE', 'FROM --platform=linux/amd64 alpine:3.20 AS base', 'FROM ${BASE_IMAGE}'];
    expect(lines('no-from-platform', text)).toEqual([2]);
  });

  test.each(PLATFORM_RULES)('%s: the stage name is compared lower-cased, as BuildKit does', (id) => {
    expect(lines(id, ['FROM --platform=linux/aarch64 alpine:3.20 AS Build-ARM64'])).toEqual([]);
  });

  test.each(PLATFORM_RULES)(
    '%s: a constant platform on a stage nothing picks per platform is flagged',
    (id) => {
      const text = ['FROM --platform=linux/amd64 alpine:3.20 AS base', 'FROM base-${TARGETARCH} AS other'];
      expect(lines(id, text)).toEqual([1]);
    },
  );
});

describe('cache rules look where the cache goes', () => {
  test('pip: PIP_CACHE_DIR (ENV, inline or export) or --cache-dir on a cache mount', () => {
    const text = [
      'FROM python:3.12-slim',
      'ENV PIP_CACHE_DIR=/var/cache/pip',
      'RUN --mount=type=cache,target=/var/cache/pip pip install -r requirements.txt',
      'RUN --mount=type=cache,target=/tmp/pip PIP_CACHE_DIR=/tmp/pip pip install -r requirements.txt',
      'RUN --mount=type=cache,target=/tmp/pip export PIP_CACHE_DIR=/tmp/pip && pip install -r r.txt',
      'RUN --mount=type=cache,target=/c pip install --cache-dir=/c/pip -r requirements.txt',
      'FROM python:3.12-slim',
      'RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt',
    ];
    expect(lines('pip-no-cache-dir', text)).toEqual([]);
  });

  test('pip: a cache mount somewhere else than the cache still leaves it in the layer', () => {
    const text = [
      'FROM python:3.12-slim',
      'ENV PIP_CACHE_DIR=/var/cache/pip',
      'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
      'RUN --mount=type=cache,target=/tmp/x PIP_CACHE_DIR=/tmp/pip pip install -r requirements.txt',
    ];
    expect(lines('pip-no-cache-dir', text)).toEqual([3, 4]);
  });

  test('yarn: YARN_CACHE_FOLDER, --cache-folder or the default folder on a cache mount', () => {
    const moved = [
      'FROM node:22-alpine',
      'ENV YARN_CACHE_FOLDER=/cache/y',
      'RUN --mount=type=cache,target=/cache/y yarn install --frozen-lockfile',
      'RUN --mount=type=cache,target=/tmp/c yarn install --cache-folder /tmp/c/yarn',
      'RUN --mount=type=cache,target=/usr/local/share/.cache yarn install --frozen-lockfile',
    ];
    // Line 5: the ENV moved the cache away from the mounted default folder.
    expect(lines('yarn-cache-clean', moved)).toEqual([5]);
    const defaults = [
      'FROM node:22-alpine',
      'RUN --mount=type=cache,target=/usr/local/share/.cache yarn install --frozen-lockfile',
      'RUN --mount=type=cache,target=/tmp/other yarn install --frozen-lockfile',
    ];
    expect(lines('yarn-cache-clean', defaults)).toEqual([3]);
  });

  test('npm: npm_config_cache or --cache on a cache mount, and the default /root/.npm', () => {
    const text = [
      'FROM node:22-alpine',
      'WORKDIR /app',
      'RUN --mount=type=cache,target=/tmp/npm npm_config_cache=/tmp/npm npm ci',
      'RUN --mount=type=cache,target=/tmp/npm npm ci --cache /tmp/npm',
      'RUN --mount=type=cache,target=/root npm ci',
      'RUN --mount=type=cache,target=/tmp/other npm ci',
      'CMD ["node", "server.js"]',
    ];
    expect(lines('cache-not-cleaned', text)).toEqual([6]);
  });

  test('apk: a cache mount on /var/cache (or /etc/apk/cache) holds what --no-cache avoids', () => {
    const text = [
      'FROM alpine:3.20',
      'RUN --mount=type=cache,target=/var/cache apk add curl',
      'RUN --mount=type=cache,target=/etc/apk/cache apk add curl',
      'RUN --mount=type=cache,target=/var/cache/apkx apk add curl',
    ];
    expect(lines('apk-no-cache', text)).toEqual([4]);
  });

  test('apt: lists under a cache mount of a folder above them never ship', () => {
    const text = [
      'FROM debian:12-slim',
      'RUN --mount=type=cache,target=/var/lib --mount=type=cache,target=/var/cache apt-get update',
      'RUN --mount=type=cache,target=/var/lib/apt/ --mount=type=cache,target=/var/cache/apt/ apt-get update',
      'RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl',
    ];
    expect(lines('apt-clean-lists', text)).toEqual([4]);
  });
});

describe('go versions that come from go.mod', () => {
  test('meta-packages are never unpinned', () => {
    const text = ['FROM golang:1.24', 'RUN go install std', 'RUN go install tool', 'RUN go install ./...'];
    expect(lines('go-install-pin-versions', text)).toEqual([]);
  });

  test('a package path without @version is pinned by the go.mod copied or mounted in', () => {
    const text = [
      'FROM golang:1.24 AS base',
      'WORKDIR /src',
      'COPY go.mod go.sum ./',
      'FROM base AS tools',
      'RUN go install github.com/golang/mock/mockgen',
      'FROM golang:1.24 AS all',
      'WORKDIR /src',
      'COPY . .',
      'RUN go install golang.org/x/tools/cmd/stringer',
      'FROM golang:1.24 AS mounted',
      'RUN --mount=type=bind,source=go.mod,target=/app/go.mod go install google.golang.org/grpc/cmd/protoc-gen-go-grpc',
      'RUN --mount=target=. go install golang.org/x/tools/cmd/stringer',
    ];
    expect(lines('go-install-pin-versions', text)).toEqual([]);
  });

  test('outside a module, and with floating versions, packages are unpinned', () => {
    const text = [
      'FROM golang:1.24',
      'RUN go install golang.org/x/tools/cmd/stringer',
      'COPY go.mod go.sum ./',
      'RUN go install golang.org/x/tools/gopls@latest',
      'RUN go install golang.org/x/tools/gopls@master',
      'RUN go install golang.org/x/tools/gopls@v0.16.2',
    ];
    expect(lines('go-install-pin-versions', text)).toEqual([2, 4, 5]);
  });
});

describe('copying a whole filesystem: only a build stage counts', () => {
  test('the tonistiigi/xx helper stage and an external image used as a COPY source pass', () => {
    const text = [
      'FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx',
      'FROM --platform=$BUILDPLATFORM golang:1.24-alpine AS build',
      'COPY --from=xx / /',
      'RUN xx-go build -o /out/app .',
      'FROM alpine:3.20',
      'COPY --from=docker/buildx-bin / /',
      'COPY --from=build /out/app /app',
    ];
    expect(lines('copy-whole-filesystem', text)).toEqual([]);
  });

  test('stages of only COPYs, picked by a variable, pass', () => {
    const text = [
      'FROM scratch AS binaries-linux',
      'COPY bin/linux /',
      'FROM scratch AS binaries-darwin',
      'COPY bin/darwin /',
      'FROM binaries-$TARGETOS AS binaries',
      'FROM alpine:3.20',
      'COPY --from=binaries / /',
    ];
    expect(lines('copy-whole-filesystem', text)).toEqual([]);
  });

  test('a stage picked by an ARG whose default word is quoted resolves to that stage, not a pattern', () => {
    // moby/buildkit's archutil.Dockerfile: the quotes in `${B:-"supported"}` are shell syntax, so the
    // FROM picks the scratch stage `exit-loong64-supported`, not every `exit-loong64-*` (the RUN stage
    // `exit-loong64-base` among them).
    const text = [
      'ARG BUILD_LOONG64=${TARGETPLATFORM#linux/amd64}',
      'ARG BUILD_LOONG64=${BUILD_LOONG64:+"unsupported"}',
      'ARG BUILD_LOONG64=${BUILD_LOONG64:-"supported"}',
      'FROM debian:12 AS exit-loong64-base',
      'RUN echo build > /exit',
      'FROM scratch AS exit-loong64-unsupported',
      'FROM scratch AS exit-loong64-supported',
      'COPY --from=exit-loong64-base /exit loong64',
      'FROM exit-loong64-${BUILD_LOONG64} AS exit-loong64',
      'FROM scratch AS exits',
      'COPY --from=exit-loong64-base /exit amd64',
      'COPY --from=exit-loong64 / /',
    ];
    expect(lines('copy-whole-filesystem', text)).toEqual([]);
  });

  test('a squash of a build into an empty stage passes; a build stage copied onto a runtime does not', () => {
    const text = [
      'FROM debian:12 AS build',
      'RUN apt-get update && apt-get install -y --no-install-recommends systemd',
      'FROM build AS more',
      'FROM scratch',
      'COPY --from=build / /',
      'FROM alpine:3.20',
      'COPY --from=more / /',
      'FROM scratch',
      'COPY README.md /',
      'COPY --from=build / /',
    ];
    expect(lines('copy-whole-filesystem', text)).toEqual([7, 10]);
  });
});

describe('manifest-first installs across stages', () => {
  test('deps installed in a deps stage and copied into build count as installed before COPY . .', () => {
    const text = [
      'FROM node:22-alpine AS deps',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'FROM node:22-alpine AS build',
      'WORKDIR /app',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY . .',
      'RUN npm ci --omit=dev',
      'FROM build AS test',
      'RUN npm install',
    ];
    expect(lines('install-after-copy-all', text)).toEqual([]);
  });

  test('a copied stage that installed after its own COPY . . does not count, nor another ecosystem', () => {
    const text = [
      'FROM node:22-alpine AS deps',
      'WORKDIR /app',
      'COPY . .',
      'RUN npm ci',
      'FROM node:22-alpine AS build',
      'WORKDIR /app',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY . .',
      'RUN npm ci',
      'RUN pip install -r requirements.txt',
    ];
    expect(lines('install-after-copy-all', text)).toEqual([4, 9, 10]);
  });
});

describe('a shell form that execs its program', () => {
  test('is reported at info: the program replaces the shell and receives the signals', () => {
    const severities = (cmd: string) =>
      hitsOf(rule('json-args-recommended'), ['FROM busybox:1.37', cmd]).map((h) => h.severity);
    expect(severities(`CMD exec sh -c "trap : TERM INT; tail -f /dev/null"`)).toEqual(['info']);
    expect(severities('ENTRYPOINT NODE_ENV=production exec node server.js')).toEqual(['info']);
    // The shell stays PID 1 until exec, or waits for a subshell: the signals are still lost.
    expect(severities('CMD ./migrate && exec node server.js')).toEqual([undefined]);
    expect(severities('CMD (exec node server.js)')).toEqual([undefined]);
    expect(severities('CMD node server.js')).toEqual([undefined]);
  });
});

describe('HEALTHCHECK is not CMD', () => {
  test('a health check written as a shell script is not asked for JSON form', () => {
    const text = [
      'FROM nginx:1.27',
      'HEALTHCHECK --interval=30s CMD curl -fs http://localhost/ | grep -q ok || exit 1',
      'CMD ["nginx", "-g", "daemon off;"]',
    ];
    expect(lines('healthcheck-json-form', text)).toEqual([]);
    expect(lines('json-args-recommended', text)).toEqual([]);
  });

  test('a plain shell-form check is flagged apart from CMD and ENTRYPOINT (hadolint DL3025 covers both)', () => {
    const text = ['FROM node:22-alpine', 'HEALTHCHECK CMD node healthcheck.js', 'CMD node server.js'];
    expect(lines('healthcheck-json-form', text)).toEqual([2]);
    expect(lines('json-args-recommended', text)).toEqual([3]);
  });

  test('an artifact-only scratch image needs no HEALTHCHECK; one that runs something does', () => {
    const artifacts = [
      'FROM golang:1.24 AS build',
      'RUN go build -o /out/app .',
      'FROM scratch AS export',
      'COPY --from=build /out/app /',
    ];
    expect(lines('healthcheck-missing', artifacts)).toEqual([]);
    expect(lines('healthcheck-missing', [...artifacts, 'ENTRYPOINT ["/app"]'])).toEqual([3]);
    expect(lines('healthcheck-missing', ['FROM alpine:3.20', 'COPY app /app'])).toEqual([1]);
  });
});

describe('the path of a Dockerfile does not change its findings', () => {
  const text = [
    'FROM node:22',
    'WORKDIR /app',
    'COPY . .',
    'RUN npm ci',
    'RUN npm run build',
    'RUN npm prune --omit=dev',
    'RUN chown -R node /app',
    'CMD ["node", "dist/server.js"]',
    '',
  ].join('\n');
  const findingsAt = (file: string) =>
    runLint(parseDockerfile(text, file)).findings.map((f) => `${f.line} ${f.rule}`);

  test.each([
    'tools/lint/Dockerfile',
    'docs/Dockerfile',
    'Dockerfile.lint',
    'dev-image/Dockerfile',
    '/home/ci/work/test/repo/Dockerfile',
  ])('%s gets the findings of ./Dockerfile', (file) => {
    const elsewhere = findingsAt('Dockerfile');
    expect(elsewhere).toEqual(expect.arrayContaining(['1 final-stage-root', '4 cache-not-cleaned']));
    expect(findingsAt(file)).toEqual(elsewhere);
  });

  test('a target stage the config gates on as the test stage is a tooling image', () => {
    const staged = `${text}FROM node:22 AS suite\nCOPY . .\nRUN npm ci\nCMD ["npm", "test"]\n`;
    const model = parseDockerfile(staged, 'Dockerfile');
    const rules = runLint(model, { target: 1, testStage: 1 }).findings.map((f) => f.rule);
    expect(rules).not.toContain('final-stage-root');
    expect(runLint(model, { target: 1 }).findings.map((f) => f.rule)).toContain('final-stage-root');
  });
});

describe('copy-relative-without-workdir follows stages picked by a variable', () => {
  test('a WORKDIR set in every stage `FROM base-${VARIANT}` can pick is inherited', () => {
    const text = [
      'ARG VARIANT=alpine',
      'FROM golang:1.22-alpine AS base-alpine',
      'WORKDIR /src',
      'FROM golang:1.22 AS base-debian',
      'WORKDIR /src',
      'FROM base-${VARIANT} AS dev',
      'COPY . .',
    ];
    expect(lines('copy-relative-without-workdir', text)).toEqual([]);
  });

  test('still flagged when one of the stages it can pick sets no WORKDIR', () => {
    const text = [
      'ARG VARIANT=alpine',
      'FROM golang:1.22-alpine AS base-alpine',
      'WORKDIR /src',
      'FROM golang:1.22 AS base-debian',
      'FROM base-${VARIANT} AS dev',
      'COPY . .',
    ];
    expect(lines('copy-relative-without-workdir', text)).toEqual([6]);
  });
});

describe('secrets-used-in-arg-or-env: a variable naming where a secret lives is not the secret', () => {
  test('*_FILE, *_PATH and *_DIR are locations (the MINIO_ACCESS_KEY_FILE / POSTGRES_PASSWORD_FILE convention)', () => {
    const text = [
      'FROM alpine:3.20',
      'ENV MINIO_ACCESS_KEY_FILE=access_key MINIO_SECRET_KEY_FILE=secret_key',
      'ENV POSTGRES_PASSWORD_FILE=/run/secrets/pw',
      'ARG TOKEN_DIR=/run/tokens',
    ];
    expect(lines('secrets-used-in-arg-or-env', text)).toEqual([]);
  });

  test('the secret itself is still flagged', () => {
    expect(lines('secrets-used-in-arg-or-env', ['FROM alpine:3.20', 'ENV MINIO_SECRET_KEY=abc'])).toEqual([
      2,
    ]);
  });
});

describe('final-stage-root knows images that set a non-root USER themselves', () => {
  test('grafana/k6 runs as its k6 user (the OpenTelemetry demo load generator)', () => {
    const text = [
      'FROM docker.io/grafana/k6:2.2.0-with-browser',
      'COPY script.js /home/k6/',
      'ENTRYPOINT ["k6", "run", "script.js"]',
    ];
    expect(lines('final-stage-root', text)).toEqual([]);
  });

  test('an image that does not is still flagged', () => {
    expect(lines('final-stage-root', ['FROM alpine:3.20', 'ENTRYPOINT ["/app"]'])).toEqual([1]);
  });
});

describe('pipefail: a pipe inside PowerShell or cmd is not a POSIX shell pipe', () => {
  test('RUN powershell … | … on a Windows image is not flagged', () => {
    const text = [
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'RUN powershell busybox.exe --list ^|%{$nul = cmd /c mklink C:\\bin\\$_.exe busybox.exe}',
      'RUN cmd /c dir | findstr bin',
    ];
    expect(lines('pipefail', text)).toEqual([]);
  });

  test('a POSIX pipe is still flagged', () => {
    expect(lines('pipefail', ['FROM alpine:3.20', 'RUN wget -qO- https://x | tar x'])).toEqual([2]);
  });
});
