/**
 * Each BuildKit check: a Dockerfile it catches (with BuildKit's message wording and the line) and one
 * it passes. The docs examples are covered by buildkit-agreement.test.ts; these are the edge cases.
 */
import { describe, expect, it } from '@jest/globals';
import { buildkitRules } from '../../../src/rules/buildkit/index.js';
import { runLint } from '../../../src/rules/lint.js';
import type { Finding } from '../../../src/rules/types.js';
import { lenientModel, model } from '../../helpers/lint-models.js';

function lint(id: string, text: string, dockerignore?: string[], lenient = false): Finding[] {
  const rules = buildkitRules.filter((r) => r.id === id);
  expect(rules).toHaveLength(1);
  const { findings, notices } = runLint(lenient ? lenientModel(text) : model(text), {
    rules,
    dockerignore,
    // What each check reports when it runs: the experimental ones are turned on here (off by default).
    enabled: rules.map((r) => r.id),
  });
  expect(notices).toEqual([]);
  return findings;
}

interface Case {
  id: string;
  catches: string;
  /** Line and message of the first finding. */
  line: number;
  message: string;
  passes: string[];
  dockerignore?: string[];
  lenient?: boolean;
}

const cases: Case[] = [
  {
    id: 'stage-name-casing',
    catches: 'FROM alpine AS Build\n',
    line: 1,
    message: "Stage name 'Build' should be lowercase",
    passes: ['FROM alpine AS build\n', 'FROM alpine\n'],
  },
  {
    id: 'from-as-casing',
    catches: 'FROM alpine\nfrom alpine AS x\n',
    line: 2,
    message: "'AS' and 'from' keywords' casing do not match",
    passes: ['from alpine as x\n', 'FROM alpine AS x\n', 'From alpine as x\n'],
  },
  {
    id: 'no-empty-continuation',
    catches: 'FROM alpine\nRUN apk add \\\n\n    curl\n',
    line: 2,
    message: 'Empty continuation line',
    passes: [
      'FROM alpine\nRUN apk add \\\n    # comment\n    curl\n',
      'FROM alpine\nRUN <<EOF\necho a\n\necho b\nEOF\n',
      '# escape=`\nFROM alpine\nRUN echo a `\n    b\n',
    ],
  },
  {
    id: 'consistent-instruction-casing',
    catches: 'FROM alpine\nRUN echo\nrun echo\nCMD ["x"]\n',
    line: 3,
    message: "Command 'run' should match the case of the command majority (uppercase)",
    passes: ['from alpine\nrun echo\n', 'FROM alpine\nRUN echo\n'],
  },
  {
    id: 'duplicate-stage-name',
    catches: 'FROM alpine AS a\nFROM alpine AS A\n',
    line: 2,
    message: 'Duplicate stage name "a", stage names should be unique',
    passes: ['FROM alpine AS a\nFROM alpine AS b\n'],
    lenient: true,
  },
  {
    id: 'reserved-stage-name',
    catches: 'FROM alpine AS context\n',
    line: 1,
    message: 'Stage name should not use the same name as reserved stage "context"',
    passes: ['FROM scratch AS base\n'],
  },
  {
    id: 'json-args-recommended',
    catches: 'FROM alpine\nCMD [node, "x"]\n',
    line: 2,
    message: 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
    passes: [
      'FROM alpine\nCMD ["node", "x"]\n',
      'FROM alpine AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nENTRYPOINT exec node x\n',
      'FROM alpine\nRUN echo hi\nHEALTHCHECK CMD wget -q localhost\n',
    ],
  },
  {
    id: 'maintainer-deprecated',
    catches: 'FROM alpine\nMAINTAINER me@example.com\n',
    line: 2,
    message: 'Maintainer instruction is deprecated in favor of using label',
    passes: ['FROM alpine\nLABEL org.opencontainers.image.authors="me@example.com"\n'],
  },
  {
    id: 'undefined-arg-in-from',
    catches: 'ARG VERSION=1\nFROM alpine:${VERSON}\n',
    line: 2,
    message: "FROM argument 'VERSON' is not declared (did you mean VERSION?)",
    passes: ['ARG V=1\nFROM alpine:${V}\n', 'FROM --platform=$BUILDPLATFORM golang:${TARGETARCH}\n'],
  },
  {
    id: 'workdir-relative-path',
    catches: 'FROM alpine\nWORKDIR app\n',
    line: 2,
    message: 'Relative workdir "app" can have unexpected results if the base image changes',
    passes: [
      'FROM alpine\nWORKDIR /app\nWORKDIR src\n',
      'FROM alpine AS a\nWORKDIR /app\nFROM a\nWORKDIR src\n',
      'FROM mcr.microsoft.com/windows/servercore\nWORKDIR C:\\app\n',
      'FROM alpine\nWORKDIR $HOME\n',
    ],
  },
  {
    id: 'undefined-var',
    catches: 'ARG VERSION=1\nFROM alpine\nCOPY app-$VERSION.tar /app/\n',
    line: 3,
    message: "Usage of undefined variable '$VERSION'",
    passes: [
      'ARG VERSION=1\nFROM alpine\nARG VERSION\nCOPY app-$VERSION.tar /app/\n',
      'FROM alpine AS a\nENV DIR=/srv\nFROM a\nWORKDIR $DIR\n',
      'FROM alpine\nARG TARGETARCH\nCOPY bin-${TARGETARCH} /usr/bin/x\n',
      'FROM golang:1.22\nWORKDIR $GOPATH/src\n',
      'FROM alpine\nRUN echo $UNDEFINED_IN_SHELL\n',
      'FROM alpine\nCOPY ${DIR:-.} /app/\n',
      'FROM alpine\nCOPY <<EOF /x\n$NOT_EXPANDED_HERE\nEOF\n',
      'FROM some/unknown-image\nCOPY $FROM_THE_IMAGE /x\n',
      'FROM alpine\nARG A=1 B=${A}0\nLABEL b=$B\n',
      // BuildKit expands EXPOSE without reporting unset variables (the live oracle agrees).
      'FROM alpine\nEXPOSE ${APP_PORT}\n',
    ],
  },
  {
    id: 'multiple-instructions-disallowed',
    catches: 'FROM alpine\nCMD ["a"]\nRUN x\nCMD ["b"]\n',
    line: 2,
    message:
      'Multiple CMD instructions should not be used in the same stage because only the last one will be used',
    passes: [
      'FROM alpine\nCMD ["a"]\nFROM alpine\nCMD ["b"]\n',
      'FROM alpine\nHEALTHCHECK CMD x\nCMD ["b"]\n',
    ],
  },
  {
    id: 'legacy-key-value-format',
    catches: 'FROM alpine\nENV PATH /usr/bin\n',
    line: 2,
    message: '"ENV key=value" should be used instead of legacy "ENV key value" format',
    passes: ['FROM alpine\nENV PATH=/usr/bin A="b c"\n', 'FROM alpine\nARG TARGETOS TARGETARCH\n'],
  },
  {
    id: 'redundant-target-platform',
    catches: 'FROM --platform=${TARGETPLATFORM} alpine\n',
    line: 1,
    message:
      'Setting platform to predefined ${TARGETPLATFORM} in FROM is redundant as this is the default behavior',
    passes: ['FROM --platform=$BUILDPLATFORM alpine\n', 'FROM --platform=$TARGETOS/$TARGETARCH alpine\n'],
  },
  {
    id: 'secrets-used-in-arg-or-env',
    catches: 'FROM alpine\nENV A=1 GITHUB_TOKEN=x\n',
    line: 2,
    message: 'Do not use ARG or ENV instructions for sensitive data (ENV "GITHUB_TOKEN")',
    passes: ['FROM alpine\nARG PUBLIC_KEY\nENV KEYBOARD=us TOKENIZER=x GPG_KEY_FILE=/k\n'],
  },
  {
    id: 'invalid-default-arg-in-from',
    catches: 'ARG IMAGE\nFROM ${IMAGE}\n',
    line: 2,
    message: 'Default value for ARG ${IMAGE} results in empty or invalid base image name',
    passes: [
      'ARG IMAGE=alpine\nFROM ${IMAGE}\n',
      'ARG X=${TARGETPLATFORM#linux/amd64}\nARG X=${X:+"no"}\nARG X=${X:-"yes"}\nFROM scratch AS a-yes\nFROM a-${X}\n',
    ],
  },
  {
    id: 'from-platform-flag-const-disallowed',
    catches: 'FROM --platform=linux/arm64 alpine AS build\n',
    line: 1,
    message: 'FROM --platform flag should not use constant value "linux/arm64"',
    passes: [
      'FROM --platform=linux/arm64 alpine AS build-arm64\n',
      'FROM --platform=$BUILDPLATFORM alpine\n',
    ],
  },
  {
    id: 'copy-ignored-file',
    catches: 'FROM alpine\nCOPY ./secrets/key.pem /k\n',
    line: 2,
    message: 'Attempting to Copy file "secrets/key.pem" that is excluded by .dockerignore',
    dockerignore: ['# comment', 'secrets'],
    passes: [
      'FROM alpine\nCOPY src /src\nCOPY --from=build /secrets/key.pem /k\n',
      'FROM alpine\nCOPY <<EOF /secrets/x\nhi\nEOF\n',
    ],
  },
  {
    id: 'expose-proto-casing',
    catches: 'FROM alpine\nEXPOSE 53/UDP\n',
    line: 2,
    message: "Defined protocol '53/UDP' in EXPOSE instruction should be lowercase",
    passes: ['FROM alpine\nEXPOSE 53/udp 80\n'],
  },
  {
    id: 'expose-invalid-format',
    catches: 'FROM alpine\nEXPOSE 8080:80\n',
    line: 2,
    message: "EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80'",
    passes: ['FROM alpine\nARG PORT\nEXPOSE ${PORT:-8080}\n'],
  },
  {
    id: 'invalid-definition-description',
    catches: '# Build the app\nFROM alpine AS build\n',
    line: 2,
    message:
      'Comment for build stage should follow the format: `# build <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
    passes: [
      '# build compiles the app\nFROM alpine AS build\n',
      '# Build the app\n#\nFROM alpine AS build\n',
      '# Build the app\n#\n\nFROM alpine AS build\n',
      '# Nothing\nFROM alpine\n',
      // Parser directives are not comments; the description is the last comment line.
      '# syntax=docker/dockerfile:1\n\nFROM alpine AS build\n',
      '# Copyright header\n\n# build compiles the app\nFROM alpine AS build\n',
      // Comments inside an instruction belong to it, not to the next one.
      'FROM alpine AS base\nRUN a \\\n  # a note\n  && b\nARG VERSION=1\n',
    ],
  },
];

describe('BuildKit checks', () => {
  it('has a case for every BuildKit rule', () => {
    expect(cases.map((c) => c.id).sort()).toEqual(buildkitRules.map((r) => r.id).sort());
  });

  for (const c of cases) {
    describe(c.id, () => {
      it('catches', () => {
        const findings = lint(c.id, c.catches, c.dockerignore, c.lenient);
        expect(findings.length).toBeGreaterThan(0);
        expect({ line: findings[0].line, message: findings[0].message }).toEqual({
          line: c.line,
          message: c.message,
        });
      });
      it.each(c.passes)('passes %j', (text) => {
        expect(lint(c.id, text, c.dockerignore, c.lenient)).toEqual([]);
      });
    });
  }

  it('undefined-var: ENV sees only what was defined before the instruction, as BuildKit expands it whole', () => {
    expect(lint('undefined-var', 'FROM alpine\nENV A=1 B=$A\n').map((f) => f.message)).toEqual([
      "Usage of undefined variable '$A'",
    ]);
  });

  it("undefined-var: Red Hat's UBI images are known, so a stage on one is checked", () => {
    // hashicorp/vault's ubi stage re-uses a name only its first stage declared; BuildKit reports it.
    const text =
      'FROM registry.access.redhat.com/ubi8/ubi-minimal:8.8 AS ubi\nENV NAME=$NAME HOME=/home/$container\n';
    expect(lint('undefined-var', text).map((f) => f.message)).toEqual([
      "Usage of undefined variable '$NAME'",
    ]);
  });

  it('invalid-definition-description: a blank line does not end the description, as in live BuildKit', () => {
    // BuildKit v0.34.2's parser drops collected comments only at an empty `#` line (the live oracle,
    // __tests__/fixtures/buildkit-oracle, flags a licence header a blank line above a stage).
    const text =
      '# Copyright 2020 Someone\n# Licensed under X\n\nARG BASE=alpine\n\n# the build\n\nFROM $BASE AS build\n';
    expect(lint('invalid-definition-description', text).map((f) => f.line)).toEqual([4, 8]);
  });

  it('sees CRLF line endings as ordinary ones', () => {
    const findings = lint('json-args-recommended', 'FROM alpine\r\nRUN echo \\\r\n  hi\r\nCMD node x\r\n');
    expect(findings.map((f) => f.line)).toEqual([4]);
  });
});
