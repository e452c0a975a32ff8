/**
 * Classes of noise found by judging findings on real Dockerfiles (issue 14, BENCHMARKS.md section 7):
 * findings that are right about the text but not about the file. Each class is pinned with a
 * real-looking Dockerfile that must not fire (or fires at info only) and one that still must.
 */
import { describe, expect, it } from "@jest/globals";
import { pipefail } from "../../../src/rules/hadolint/pipefail.js";
import { copyRelativeWithoutWorkdir } from "../../../src/rules/hadolint/copy-add.js";
import { parseShell } from "../../../src/rules/shell/script.js";
import { linesOf } from "../../helpers/rule-context.js";

describe("copy-relative-without-workdir: a stage whose FROM chain roots at scratch", () => {
  it("is not flagged: scratch has no working directory but /, so the destination is clear", () => {
    const text = [
      "FROM golang:1.23-alpine AS build",
      "WORKDIR /src",
      "COPY . .",
      "RUN go build -o /out/tool ./cmd/tool",
      "FROM scratch AS binary-false",
      "FROM scratch AS binary-true",
      "COPY --from=build /out/tool tool",
      "FROM binary-${FROM_SOURCE} AS binary",
      "FROM binary AS release",
      "COPY --from=build /src/LICENSE LICENSE",
    ];
    expect(linesOf(copyRelativeWithoutWorkdir, text)).toEqual([]);
  });

  it("is still flagged on a base image, whose WORKDIR the Dockerfile does not show", () => {
    const text = [
      "FROM scratch AS artifacts",
      "COPY out/tool tool",
      "FROM debian:12-slim",
      "COPY --from=artifacts /tool tool",
      'ENTRYPOINT ["/tool"]',
    ];
    expect(linesOf(copyRelativeWithoutWorkdir, text)).toEqual([4]);
  });

  it("is still flagged for an ONBUILD COPY, which runs in the image built FROM this one", () => {
    expect(
      linesOf(copyRelativeWithoutWorkdir, [
        "FROM scratch",
        "ONBUILD COPY app.tar app.tar",
      ]),
    ).toEqual([2]);
  });
});

describe("pipefail: a checksum line echoed into sha*sum -c", () => {
  const officialImage = [
    "FROM debian:12-slim",
    "RUN set -eux; \\",
    '  arch="$(dpkg --print-architecture)"; \\',
    '  case "$arch" in amd64|x86_64) sha256=aaaa ;; *) exit 1 ;; esac; \\',
    '  wget -O go.tgz "https://dl.google.com/go/go1.23.linux-$arch.tar.gz"; \\',
    '  echo "$sha256 *go.tgz" | sha256sum -c -; \\',
    '  printf "%s  go.tgz\\n" "$sha256" | sha512sum --check; \\',
    "  tar -C /usr/local -xzf go.tgz",
  ];

  it("is not flagged: echo cannot fail, and the check fails the RUN by itself", () => {
    expect(linesOf(pipefail, officialImage)).toEqual([]);
  });

  it("is still flagged when the same RUN pipes a download, or echo into anything but a checksum check", () => {
    const download = officialImage.map((l) =>
      l
        .replace("wget -O go.tgz", "curl -fsSL")
        .replace('"; \\', '" | tar -xz; \\'),
    );
    expect(linesOf(pipefail, download)).toEqual([2]);
    // hadolint's own regression case: the pipe is flagged whatever feeds it
    expect(
      linesOf(pipefail, [
        "FROM alpine:3.20",
        "RUN echo \"kaka\" | sed 's/a/o/g' >> /root/afile",
      ]),
    ).toEqual([2]);
    expect(
      linesOf(pipefail, [
        "FROM alpine:3.20",
        "RUN grep app.tgz SHA256SUMS | sha256sum -c -",
      ]),
    ).toEqual([2]);
  });

  it("reads each pipe as its writer and reader; a compound side is neither", () => {
    const script = parseShell(
      'echo "$S  f" | sha256sum -c - && (curl -fsSL x; echo) | sh -c "tar -x | cat"',
    );
    expect(script.pipes.map((p) => [p.writer?.name, p.reader?.name])).toEqual([
      ["echo", "sha256sum"],
      [undefined, "sh"],
      ["tar", "cat"],
    ]);
    // a case pattern is no pipe, the first one included
    expect(
      parseShell(
        'case "$arch" in amd64|x86_64) a=x86_64 ;; arm64|aarch64) a=arm64 ;; esac',
      ).pipes,
    ).toEqual([]);
  });
});
