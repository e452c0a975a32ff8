/**
 * Classes of noise found by judging findings on real Dockerfiles (issue 14, BENCHMARKS.md section 7):
 * findings that are right about the text but not about the file. Each class is pinned with a
 * real-looking Dockerfile that must not fire (or fires at info only) and one that still must.
 */
import { describe, expect, it } from '@jest/globals';
import { pipefail } from '../../../src/rules/hadolint/pipefail.js';
import { copyNotAdd, copyRelativeWithoutWorkdir } from '../../../src/rules/hadolint/copy-add.js';
import { finalStageRoot } from '../../../src/rules/multistage/final-stage-root.js';
import { imageNotLatest, imageTag } from '../../../src/rules/hadolint/from.js';
import { isLocalImageName } from '../../../src/rules/known-images.js';
import { parseShell } from '../../../src/rules/shell/script.js';
import { hitsOf, linesOf } from '../../helpers/rule-context.js';

describe('copy-relative-without-workdir: a stage whose FROM chain roots at scratch or a bare OS image', () => {
  it('is not flagged: scratch has no working directory but /, so the destination is clear', () => {
    const text = [
      'FROM golang:1.23-alpine AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /out/tool ./cmd/tool',
      'FROM scratch AS binary-false',
      'FROM scratch AS binary-true',
      'COPY --from=build /out/tool tool',
      'FROM binary-${FROM_SOURCE} AS binary',
      'FROM binary AS release',
      'COPY --from=build /src/LICENSE LICENSE',
    ];
    expect(linesOf(copyRelativeWithoutWorkdir, text)).toEqual([]);
  });

  it('is still flagged on a base image, whose WORKDIR the Dockerfile does not show', () => {
    const text = [
      'FROM scratch AS artifacts',
      'COPY out/tool tool',
      'FROM node:22-slim',
      'COPY --from=artifacts /tool tool',
      'ENTRYPOINT ["/tool"]',
    ];
    expect(hitsOf(copyRelativeWithoutWorkdir, text).map((h) => [h.line, h.severity ?? 'warning'])).toEqual([
      [4, 'warning'],
    ]);
    // golang's image sets WORKDIR /go: a relative destination lands there, unseen
    expect(linesOf(copyRelativeWithoutWorkdir, ['FROM golang:1.23', 'COPY go.mod .'])).toEqual([2]);
  });

  it('is info on a bare operating system image, which sets no WORKDIR either', () => {
    const severities = (text: string[]) =>
      hitsOf(copyRelativeWithoutWorkdir, text).map((h) => h.severity ?? 'warning');
    const windows = [
      'ARG WIN_VERSION=2019',
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc${WIN_VERSION}',
      'COPY otelcol.exe ./otelcol.exe',
      'ENTRYPOINT ["otelcol.exe"]',
    ];
    expect(severities(windows)).toEqual(['info']);
    expect(hitsOf(copyRelativeWithoutWorkdir, windows)[0]?.message).toContain(
      '`mcr.microsoft.com/windows/nanoserver`, a bare operating system image that sets no WORKDIR, so `./otelcol.exe` lands under `C:\\`',
    );
    expect(hitsOf(copyRelativeWithoutWorkdir, ['FROM alpine:3.20', 'COPY app app/'])[0]?.message).toContain(
      'so `app/` lands under `/`',
    );
    // through a stage chain, and through every stage a variable can pick
    expect(
      severities(['FROM busybox:1.36 AS base', 'RUN mkdir /data', 'FROM base', 'COPY --from=base /data .']),
    ).toEqual(['info']);
    expect(
      severities([
        'FROM ubuntu:24.04 AS base-amd64',
        'FROM scratch AS base-arm64',
        'FROM base-${TARGETARCH}',
        'COPY app app',
      ]),
    ).toEqual(['info']);
    // an image built on Windows (the .NET SDK) sets a WORKDIR of its own; a pick on one is unknown
    expect(
      severities(['FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022', 'COPY app.csproj .']),
    ).toEqual(['warning']);
    expect(
      severities([
        'FROM ubuntu:24.04 AS base-amd64',
        'FROM node:22 AS base-arm64',
        'FROM base-${TARGETARCH}',
        'COPY app app',
      ]),
    ).toEqual(['warning']);
  });

  it('is still flagged for an ONBUILD COPY, which runs in the image built FROM this one', () => {
    expect(linesOf(copyRelativeWithoutWorkdir, ['FROM scratch', 'ONBUILD COPY app.tar app.tar'])).toEqual([
      2,
    ]);
  });
});

describe('pipefail: a pipeline that ends in a checksum check (sha*sum -c)', () => {
  const officialImage = [
    'FROM debian:12-slim',
    'RUN set -eux; \\',
    '  arch="$(dpkg --print-architecture)"; \\',
    '  case "$arch" in amd64|x86_64) sha256=aaaa ;; *) exit 1 ;; esac; \\',
    '  wget -O go.tgz "https://dl.google.com/go/go1.23.linux-$arch.tar.gz"; \\',
    '  echo "$sha256 *go.tgz" | sha256sum -c -; \\',
    '  printf "%s  go.tgz\\n" "$sha256" | sha512sum --check; \\',
    '  tar -C /usr/local -xzf go.tgz',
  ];

  it('is not flagged: echo cannot fail, and the check fails the RUN by itself', () => {
    expect(linesOf(pipefail, officialImage)).toEqual([]);
  });

  it('is still flagged when the same RUN pipes a download, or echo into anything but a checksum check', () => {
    const download = officialImage.map((l) =>
      l.replace('wget -O go.tgz', 'curl -fsSL').replace('"; \\', '" | tar -xz; \\'),
    );
    expect(linesOf(pipefail, download)).toEqual([2]);
    // hadolint's own regression case: the pipe is flagged whatever feeds it
    expect(
      linesOf(pipefail, ['FROM alpine:3.20', 'RUN echo "kaka" | sed \'s/a/o/g\' >> /root/afile']),
    ).toEqual([2]);
    // the pipeline's last command decides: a download piped through grep into sh is flagged
    expect(
      linesOf(pipefail, ['FROM alpine:3.20', 'RUN curl -fsSL https://x/i.sh | grep -v "^#" | sh']),
    ).toEqual([2]);
  });

  it('is not flagged when a grep or a download feeds the check: a failure leaves it no line to accept', () => {
    expect(
      linesOf(pipefail, ['FROM alpine:3.20', 'RUN grep " app.tgz$" SHA256SUMS | sha256sum -c -']),
    ).toEqual([]);
    expect(
      linesOf(pipefail, [
        'FROM alpine:3.20',
        'RUN curl -fsSL https://x/SHA256SUMS | grep " app.tgz$" | sha256sum --check --strict',
      ]),
    ).toEqual([]);
  });

  it('reads each pipe as its writer and reader; a compound side is neither', () => {
    const script = parseShell('echo "$S  f" | sha256sum -c - && (curl -fsSL x; echo) | sh -c "tar -x | cat"');
    expect(script.pipes.map((p) => [p.writer?.name, p.reader?.name])).toEqual([
      ['echo', 'sha256sum'],
      [undefined, 'sh'],
      ['tar', 'cat'],
    ]);
    // a case pattern is no pipe, the first one included
    expect(
      parseShell('case "$arch" in amd64|x86_64) a=x86_64 ;; arm64|aarch64) a=arm64 ;; esac').pipes,
    ).toEqual([]);
  });

  it('marks a pipe whose substitution status the shell discards: an argument, not an assignment', () => {
    const discarded = (text: string) => parseShell(text).pipes.map((p) => p.statusDiscarded === true);
    expect(discarded('useradd --password $(head -c32 /dev/urandom | base64) penguin')).toEqual([true]);
    expect(discarded('diff <(sort a | uniq) b')).toEqual([true]);
    expect(discarded('V=$(cat f | head -1) && echo $V | tee out')).toEqual([false, false]);
    expect(discarded('export V=$(cat f | head -1)')).toEqual([true]);
    expect(discarded('(curl -fsSL x | tar -x) && tool --v=$(git log | head -1)')).toEqual([false, true]);
  });

  it('is info when every pipe sits in a discarded substitution: pipefail cannot fail the RUN on it', () => {
    const severities = (run: string) =>
      hitsOf(pipefail, ['FROM alpine:3.20', run]).map((h) => h.severity ?? 'warning');
    expect(
      severities('RUN apk add shadow && useradd --password $(head -c32 /dev/urandom | base64) penguin'),
    ).toEqual(['info']);
    // an assignment keeps the status (set -e fails the RUN), and a pipe outside it counts
    expect(severities('RUN set -e; V=$(curl -fsSL x | head -1); echo $V')).toEqual(['warning']);
    expect(severities('RUN tool -p $(cat k | base64) && curl -fsSL x | tar -xz')).toEqual(['warning']);
  });
});

describe('final-stage-root: images that run no service of their own drop to info', () => {
  const severityOf = (text: string[]) => hitsOf(finalStageRoot, text).map((h) => h.severity ?? 'warning');

  it('an official language image whose command is a bare interpreter is a base for other images', () => {
    const python = [
      'FROM debian:12-slim',
      'ENV PYTHON_VERSION=3.14.0',
      'RUN set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates',
      'CMD ["python3"]',
    ];
    const node = [
      'FROM debian:12-slim',
      'COPY docker-entrypoint.sh /usr/local/bin/',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'CMD [ "node" ]',
    ];
    expect(severityOf(python)).toEqual(['info']);
    expect(hitsOf(finalStageRoot, python)[0]?.message).toContain(
      "info only: the image's command is a bare `python3`",
    );
    expect(severityOf(node)).toEqual(['info']);
    expect(severityOf(['FROM alpine:3.20', 'ENTRYPOINT ["/sbin/tini", "-g", "sh"]'])).toEqual(['info']);
  });

  it('a tool image on a language image with no command or port is a build or tool environment', () => {
    const lint = [
      'FROM golang:1.23-alpine AS base',
      'RUN apk add --no-cache git gcc musl-dev',
      'WORKDIR /src',
      'FROM base',
      'RUN --mount=target=. golangci-lint run',
    ];
    expect(severityOf(lint)).toEqual(['info']);
    expect(hitsOf(finalStageRoot, lint)[0]?.message).toContain('built on the language image `golang`');
  });

  it('an image that installs a privilege-dropping tool starts as root and runs the service as another user', () => {
    const gitea = [
      'FROM alpine:3.21',
      'RUN apk --no-cache add bash ca-certificates git s6 su-exec',
      'EXPOSE 22 3000',
      'ENTRYPOINT ["/usr/bin/entrypoint"]',
      'CMD ["/usr/bin/s6-svscan", "/etc/s6"]',
    ];
    expect(severityOf(gitea)).toEqual(['info']);
    expect(severityOf(['FROM debian:12-slim', 'COPY rootfs /', 'ENTRYPOINT ["/init"]'])).toEqual(['info']);
  });

  it('a service, or an image inheriting its server from the base, is still a warning', () => {
    const service = [
      'FROM python:3.14-slim',
      'COPY . /app',
      'RUN pip install --no-cache-dir -r /app/requirements.txt',
      'EXPOSE 8080',
      'CMD ["python", "/app/server.py"]',
    ];
    expect(severityOf(service)).toEqual(['warning']);
    // EXPOSE says it serves, whatever its command
    expect(severityOf(['FROM python:3.14-slim', 'EXPOSE 8000', 'CMD ["python3"]'])).toEqual(['warning']);
    // nginx runs as the base image defines: no command in the Dockerfile, and not a language image
    expect(severityOf(['FROM nginx:1.27-alpine', 'COPY build /usr/share/nginx/html'])).toEqual(['warning']);
    expect(
      severityOf([
        'FROM debian:12-slim',
        'ENTRYPOINT ["docker-entrypoint.sh"]',
        'CMD ["minio", "server", "/data"]',
      ]),
    ).toEqual(['warning']);
  });

  it('a distribution image with no command or port of its own starts a shell: a base or tool environment', () => {
    expect(severityOf(['FROM alpine:3.20', 'RUN apk add --no-cache curl', 'COPY . /src'])).toEqual(['info']);
    expect(severityOf(['FROM debian:12-slim', 'RUN echo "this is db"'])).toEqual(['info']);
    // a port says it serves
    expect(severityOf(['FROM alpine:3.20', 'COPY app /app', 'EXPOSE 8080'])).toEqual(['warning']);
  });

  it('an image whose command prints something and exits runs no service', () => {
    expect(severityOf(['FROM busybox:1.36', 'COPY README.md /', 'CMD ["cat", "/README.md"]'])).toEqual([
      'info',
    ]);
    expect(severityOf(['FROM alpine:3.20', 'CMD [ "/bin/true" ]'])).toEqual(['info']);
    expect(severityOf(['FROM alpine:3.20', 'COPY app /app', 'CMD ["/app"]'])).toEqual(['warning']);
  });

  it('an init system as the command must start as root', () => {
    expect(severityOf(['FROM debian:13', 'RUN apt-get update', 'CMD ["/lib/systemd/systemd"]'])).toEqual([
      'info',
    ]);
    expect(severityOf(['FROM rockylinux:9', 'EXPOSE 22', 'CMD ["/usr/sbin/init"]'])).toEqual(['info']);
  });

  it('an entrypoint script handed an init system by absolute path starts it as root', () => {
    const kindNode = [
      'FROM scratch',
      'COPY --from=build / /',
      'STOPSIGNAL SIGRTMIN+3',
      'ENTRYPOINT [ "/usr/local/bin/entrypoint", "/sbin/init" ]',
    ];
    expect(severityOf(kindNode)).toEqual(['info']);
    expect(hitsOf(finalStageRoot, kindNode)[0]?.message).toContain('ends in the init system `/sbin/init`');
    // only as the last word, the program the script ends by running
    expect(severityOf(['FROM alpine:3.20', 'ENTRYPOINT ["/sbin/init", "--", "/app"]'])).toEqual(['info']);
    expect(severityOf(['FROM alpine:3.20', 'ENTRYPOINT ["/app", "--init=/sbin/init", "serve"]'])).toEqual([
      'warning',
    ]);
    // `init` as a subcommand is not an init system
    expect(severityOf(['FROM alpine:3.20', 'COPY tool /tool', 'ENTRYPOINT ["/tool", "init"]'])).toEqual([
      'warning',
    ]);
  });

  it('a scratch image whose command is a package file runs nothing: a placeholder for docker create', () => {
    const apk = [
      'FROM node:22 AS builder',
      'RUN ./gradlew assembleRelease',
      'FROM scratch',
      'COPY --from=builder /src/app-release.apk /reactnativeapp.apk',
      'ENTRYPOINT ["/reactnativeapp.apk"]',
    ];
    expect(severityOf(apk)).toEqual(['info']);
    expect(hitsOf(finalStageRoot, apk)[0]?.message).toContain('is a package file, not a program');
    // a binary on scratch runs, and a package on a base with a runtime may be run by it
    expect(severityOf(['FROM scratch', 'COPY app /app', 'ENTRYPOINT ["/app"]'])).toEqual(['warning']);
    expect(
      severityOf(['FROM eclipse-temurin:21', 'COPY app.jar /app.jar', 'EXPOSE 8080', 'CMD ["/app.jar"]']),
    ).toEqual(['warning']);
  });

  it('an image with no command of its own on docker:dind runs its dockerd, which needs root', () => {
    const dind = [
      'FROM docker:29-dind',
      'COPY daemon.json /etc/docker/daemon.json',
      'RUN update-ca-certificates',
    ];
    expect(severityOf(dind)).toEqual(['info']);
    expect(hitsOf(finalStageRoot, dind)[0]?.message).toContain("runs `docker:29-dind`'s `dockerd`");
    expect(severityOf(['ARG V', 'FROM docker:${V}-dind', 'RUN true'])).toEqual(['info']);
    // a command of its own is judged as that command; the cli image is no daemon
    expect(severityOf(['FROM docker:29-dind', 'EXPOSE 22', 'ENTRYPOINT ["/entrypoint.sh"]'])).toEqual([
      'warning',
    ]);
    expect(severityOf(['FROM docker:29-cli', 'COPY tool /usr/local/bin/', 'EXPOSE 80'])).toEqual(['warning']);
  });

  it('a base image named by a build argument is chosen by whoever builds', () => {
    expect(
      severityOf(['ARG IMAGE=666', 'ARG TAG=666', 'FROM ${IMAGE}:${TAG}', 'RUN echo "SUCCESS"']),
    ).toEqual(['info']);
    expect(
      severityOf([
        'ARG BASE_IMAGE=python:3.14',
        'FROM --platform=$BUILDPLATFORM $BASE_IMAGE',
        'CMD ["/app"]',
      ]),
    ).toEqual(['info']);
    // a variable tag on a named image is still that image
    expect(severityOf(['ARG V=1.27', 'FROM nginx:${V}', 'COPY site /usr/share/nginx/html'])).toEqual([
      'warning',
    ]);
  });

  it('explicit root keeps its severity, whatever the image runs', () => {
    const text = ['FROM python:3.14-slim', 'ARG APP_USER=root', 'USER $APP_USER', 'CMD ["python3"]'];
    expect(severityOf(text)).toEqual(['warning']);
  });
});

describe('image-tag: a single name that no registry serves is a locally built image', () => {
  const severityOf = (text: string[]) => hitsOf(imageTag, text).map((h) => h.severity ?? 'warning');

  it('is reported at info: `FROM argocd-base` was built before this build, a tag pins nothing', () => {
    const dev = ['FROM argocd-base', 'COPY argocd /usr/local/bin/'];
    expect(severityOf(dev)).toEqual(['info']);
    expect(hitsOf(imageTag, dev)[0]?.message).toContain('not a Docker Hub official image');
    // compose builds `base` from another Dockerfile; this one has no stage of that name
    expect(severityOf(['FROM base', 'RUN echo ok'])).toEqual(['info']);
  });

  it('is still a warning on an official image, a namespaced one or one from a registry', () => {
    expect(severityOf(['FROM alpine', 'RUN echo ok'])).toEqual(['warning']);
    expect(severityOf(['FROM centos', 'RUN echo ok'])).toEqual(['warning']);
    expect(severityOf(['FROM bitnami/kubectl', 'RUN echo ok'])).toEqual(['warning']);
    expect(severityOf(['FROM gcr.io/distroless/base-debian11'])).toEqual(['warning']);
    expect(severityOf(['FROM localhost:5000/app'])).toEqual(['warning']);
  });

  it("image-not-latest: `latest` of a locally built image is its own build's tag, at info", () => {
    const severities = (text: string[]) => hitsOf(imageNotLatest, text).map((h) => h.severity ?? 'warning');
    expect(severities(['FROM argocd-test-tools:latest AS base', 'USER root'])).toEqual(['info']);
    expect(severities(['FROM debian:latest'])).toEqual(['warning']);
    expect(severities(['FROM quay.io/org/tool:latest'])).toEqual(['warning']);
  });

  it('final-stage-root: a locally built base chooses its user in its own Dockerfile, at info', () => {
    const devTools = ['FROM argocd-test-tools:latest AS base', 'RUN make lint'];
    expect(hitsOf(finalStageRoot, devTools).map((h) => h.severity)).toEqual(['info']);
    expect(hitsOf(finalStageRoot, devTools)[0]?.message).toContain(
      'built on this machine from another Dockerfile',
    );
    expect(hitsOf(finalStageRoot, ['FROM nginx:1.27', 'COPY site /usr/share/nginx/html'])[0]?.severity).toBe(
      undefined,
    );
  });

  it('knows official images by name, not by shape', () => {
    expect(['node', 'python', 'hello-world', 'rocket.chat', 'eclipse-temurin'].map(isLocalImageName)).toEqual(
      [false, false, false, false, false],
    );
    expect(['argocd-base', 'myapp', 'Base'].map(isLocalImageName)).toEqual([true, true, true]);
    expect(['scratch', 'org/app', '${BASE}', ''].map(isLocalImageName)).toEqual([false, false, false, false]);
  });
});

describe('copy-not-add: ADD of a heredoc is neither fetched nor extracted', () => {
  const severities = (text: string[]) => hitsOf(copyNotAdd, text).map((h) => h.severity ?? 'error');

  it('is info: COPY does the same, and ADD has no surprise for a heredoc', () => {
    const sources = [
      'FROM debian:12-slim',
      'ADD <<-EOT /etc/apt/sources.list.d/docker.sources',
      '\tTypes: deb',
      '\tURIs: https://download.docker.com/linux/debian',
      '\tEOT',
    ];
    expect(severities(sources)).toEqual(['info']);
    expect(hitsOf(copyNotAdd, sources)[0]?.message).toContain('the source is a heredoc');
  });

  it('keeps the error for a file or folder, also beside a heredoc', () => {
    expect(severities(['FROM debian:12-slim', 'ADD app.conf /etc/app.conf'])).toEqual(['error']);
    expect(severities(['FROM debian:12-slim', 'ADD <<EOT conf/ /etc/app/', 'x', 'EOT'])).toEqual(['error']);
    expect(severities(['FROM debian:12-slim', 'ADD https://x/app.tgz /opt/'])).toEqual([]);
  });
});
