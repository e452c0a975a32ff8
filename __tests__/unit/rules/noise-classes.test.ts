/**
 * Classes of noise found by judging findings on real Dockerfiles (issue 14, BENCHMARKS.md section 7):
 * findings that are right about the text but not about the file. Each class is pinned with a
 * real-looking Dockerfile that must not fire (or fires at info only) and one that still must.
 */
import { describe, expect, it } from "@jest/globals";
import { copyRelativeWithoutWorkdir } from "../../../src/rules/hadolint/copy-add.js";
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
