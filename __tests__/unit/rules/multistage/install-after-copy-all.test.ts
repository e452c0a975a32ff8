import { describe, expect, it } from '@jest/globals';
import { installAfterCopyAll } from '../../../../src/rules/multistage/install-after-copy-all.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

describe('install-after-copy-all', () => {
  it('flags installs that follow COPY . . in the same stage, naming the manifest to copy first', () => {
    const hits = hitsOf(installAfterCopyAll, [
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN npm ci',
      'CMD ["node", "."]',
    ]);
    expect(hits.map((h) => h.line)).toEqual([4]);
    expect(hits[0]?.message).toContain('line 3');
    expect(hits[0]?.message).toContain('package.json');
  });

  it('knows pip -r, go mod download, bundle install and python -m pip', () => {
    expect(
      linesOf(installAfterCopyAll, [
        'FROM python:3.12-slim',
        'ADD . /app',
        'RUN python -m pip install -r /app/requirements.txt',
        'FROM golang:1.22',
        'COPY ./ /src',
        'RUN go mod download',
        'FROM ruby:3.3-slim',
        'COPY . .',
        'RUN bundle install',
      ]),
    ).toEqual([3, 6, 9]);
  });

  it('flags an install in a child stage of the stage that copied everything', () => {
    expect(
      linesOf(installAfterCopyAll, ['FROM node:20-slim AS src', 'COPY . .', 'FROM src', 'RUN yarn install']),
    ).toEqual([4]);
  });

  it('passes the manifest-first pattern, and later installs of an ecosystem already installed', () => {
    expect(
      linesOf(installAfterCopyAll, [
        'FROM python:3.12-slim',
        'COPY requirements.txt .',
        'RUN pip install --no-cache-dir -r requirements.txt',
        'COPY . .',
        'RUN pip install --no-cache-dir -r requirements-extra.txt',
        'RUN npm --version',
      ]),
    ).toEqual([]);
    expect(
      linesOf(installAfterCopyAll, [
        'FROM golang:1.22',
        'COPY go.mod go.sum ./',
        'RUN go mod download',
        'COPY . .',
        'RUN go build .',
      ]),
    ).toEqual([]);
  });
});

describe('install-after-copy-all: builds that download what they lack', () => {
  it('flags mvn package, gradle build, cargo build, go build and pip install . after COPY . .', () => {
    expect(
      linesOf(installAfterCopyAll, [
        'FROM maven:3.9-eclipse-temurin-21 AS java',
        'COPY . .',
        'RUN mvn -B clean package -DskipTests',
        'FROM gradle:8-jdk21 AS kotlin',
        'COPY . /home/gradle/src',
        'RUN ./gradlew bootJar --no-daemon',
        'FROM rust:1.80 AS rust',
        'COPY . .',
        'RUN cargo build --release',
        'FROM golang:1.23 AS go',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app',
        'FROM python:3.12-slim AS py',
        'COPY . /app',
        'RUN pip install /app/. && pip install .',
        'FROM composer:2 AS php',
        'COPY . .',
        'RUN composer install --no-dev',
      ]),
    ).toEqual([3, 6, 9, 12, 15, 18]);
  });

  it('passes the manifest-first builds, offline and vendored ones, tool installs, and cache mounts', () => {
    expect(
      linesOf(installAfterCopyAll, [
        'FROM maven:3.9-eclipse-temurin-21 AS java',
        'COPY pom.xml .',
        'RUN mvn -B dependency:go-offline',
        'COPY . .',
        'RUN mvn -B -o package',
        'RUN mvn -B package',
        'FROM rust:1.80 AS rust',
        'COPY Cargo.toml Cargo.lock ./',
        'RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release',
        'COPY . .',
        'RUN cargo build --release',
        'FROM golang:1.23 AS go',
        'COPY . .',
        'RUN go build -mod=vendor -o /out/app .',
        'RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.0',
        'RUN --mount=type=cache,target=/go/pkg/mod go build -o /out/app .',
        'FROM gradle:8-jdk21 AS kotlin',
        'COPY . .',
        'RUN --mount=type=cache,target=/home/gradle/.gradle gradle build',
        'RUN gradle --offline build',
        'FROM python:3.12-slim AS py',
        'COPY . .',
        'RUN pip install --no-deps .',
        'RUN cargo install cargo-chef',
      ]),
    ).toEqual([]);
  });

  it('keeps the cross-stage manifest-first exemption for builds too', () => {
    expect(
      linesOf(installAfterCopyAll, [
        'FROM golang:1.23 AS deps',
        'WORKDIR /src',
        'COPY go.mod go.sum ./',
        'RUN go mod download',
        'FROM deps AS build',
        'COPY . .',
        'RUN go build -o /out/app .',
      ]),
    ).toEqual([]);
  });
});

describe('install-after-copy-all: make on a Go or Rust toolchain image', () => {
  it("flags a building make after COPY of the whole tree on golang and rust (gitea's make build)", () => {
    const hits = hitsOf(installAfterCopyAll, [
      'FROM docker.io/library/golang:1.24-alpine3.21 AS build-env',
      'RUN apk --no-cache add build-base git nodejs npm',
      'COPY . ${GOPATH}/src/code.gitea.io/gitea',
      'WORKDIR ${GOPATH}/src/code.gitea.io/gitea',
      'RUN if [ -n "${GITEA_VERSION}" ]; then git checkout "${GITEA_VERSION}"; fi \\',
      ' && make clean-all build',
      'RUN go build contrib/environment-to-ini/environment-to-ini.go',
      'FROM rust:1.80 AS rust',
      'COPY . .',
      'RUN make -j4',
    ]);
    expect(hits.map((h) => h.line)).toEqual([5, 10]);
    expect(hits[0]?.message).toContain('go.mod and go.sum');
    expect(hits[1]?.message).toContain('Cargo.toml');
  });

  it('passes make after the modules were downloaded, with a cache mount, on other images, and non-building make', () => {
    expect(
      linesOf(installAfterCopyAll, [
        'FROM golang:1.23 AS deps',
        'COPY go.mod go.sum ./',
        'RUN go mod download',
        'COPY . .',
        'RUN make build',
        'FROM golang:1.23 AS cached',
        'COPY . .',
        'RUN --mount=type=cache,target=/go/pkg/mod make build',
        'FROM alpine:3.20 AS c',
        'RUN apk add --no-cache build-base',
        'COPY . /src',
        'RUN make -C /src',
        'FROM golang:1.23 AS version',
        'COPY . .',
        'RUN make --version',
        'FROM golang:1.23 AS clean',
        'COPY . .',
        'RUN make clean',
      ]),
    ).toEqual([]);
  });
});
