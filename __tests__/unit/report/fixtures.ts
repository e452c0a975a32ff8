/** Report fixtures for the renderer tests: one realistic PR run, and helpers to vary it. */
import type { Finding, Severity } from '../../../src/rules/types.js';
import type { ImageMeasurement, Report } from '../../../src/model.js';

export const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567';
export const BASE_SHA = 'fedcba9876543210fedcba9876543210fedcba98';

export function headImage(): ImageMeasurement {
  return {
    imageId: 'sha256:head',
    size: 12_345_678,
    compressedSize: 4_567_890,
    layers: [
      {
        diffId: 'sha256:l0',
        size: 4_400_000,
        compressedSize: 2_000_000,
        createdBy: 'ADD rootfs.tar /',
        baseImage: 'stagegate/busybox:1',
      },
      {
        diffId: 'sha256:l1',
        size: 7_000_000,
        compressedSize: 2_300_000,
        createdBy: 'COPY /out/ /app/ # buildkit',
        instruction: { stage: 'runtime', line: 14, text: 'COPY --from=build /out/ /app/' },
      },
      {
        diffId: 'sha256:l2',
        size: 945_678,
        compressedSize: 267_890,
        createdBy: 'RUN /bin/sh -c rm -rf /app/cache',
        instruction: { stage: 'runtime', line: 15, text: 'RUN rm -rf /app/cache' },
      },
    ],
    waste: {
      wastedBytes: 900_000,
      efficiency: 0.927,
      offenders: [{ path: '/app/cache/blob.bin', wastedBytes: 900_000, layers: [1, 2], count: 2 }],
    },
  };
}

export function finding(
  severity: Severity,
  line: number,
  rule = 'pin-base-image',
  message?: string,
): Finding {
  return {
    file: 'examples/hello/Dockerfile',
    line,
    endLine: line,
    rule,
    severity,
    message: message ?? `Rule ${rule} fired on line ${line}.`,
    aliases: ['DL3006'],
    docs: `https://github.com/acme/stagegate/blob/main/docs/rules/${rule}.md`,
  };
}

/** A PR run that passed: three stages, compared with the base, the image grew by 1.2 MB. */
export function grewReport(): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'stagegate', version: '0.1.0' },
    dockerfile: 'examples/hello/Dockerfile',
    context: 'examples/hello',
    target: 'runtime',
    source: {
      repository: 'acme/app',
      serverUrl: 'https://github.com',
      sha: HEAD_SHA,
      pullRequest: 7,
      event: 'pull_request',
    },
    stages: [
      {
        index: 0,
        name: 'build',
        base: 'stagegate/busybox:1',
        line: 5,
        endLine: 8,
        dependsOn: [],
        role: 'stage',
      },
      { index: 1, name: 'test', base: 'stage:build', line: 10, endLine: 11, dependsOn: [0], role: 'test' },
      {
        index: 2,
        name: 'runtime',
        base: 'stagegate/busybox:1',
        line: 13,
        endLine: 17,
        dependsOn: [0],
        role: 'target',
      },
    ],
    builds: [
      {
        stage: 'build',
        status: 'built',
        startedAt: 0,
        finishedAt: 2100,
        durationMs: 2100,
        cached: false,
        size: 5_000_000,
        layers: 3,
      },
      { stage: 'test', status: 'built', startedAt: 2100, finishedAt: 3000, durationMs: 900, cached: true },
      {
        stage: 'runtime',
        status: 'built',
        startedAt: 2100,
        finishedAt: 2600,
        durationMs: 500,
        cached: false,
      },
    ],
    test: { stage: 'test', result: 'passed' },
    image: headImage(),
    base: {
      status: 'compared',
      ref: 'main',
      sha: BASE_SHA,
      source: 'built',
      image: { ...headImage(), imageId: 'sha256:base', size: 11_145_678, compressedSize: 4_167_890 },
    },
    delta: {
      size: 1_200_000,
      sizePercent: 10.77,
      compressedSize: 400_000,
      compressedPercent: 9.6,
      unchanged: false,
      baseImageChanged: false,
      layers: [
        {
          instruction: { stage: 'runtime', line: 14, text: 'COPY --from=build /out/ /app/' },
          createdBy: 'COPY /out/ /app/ # buildkit',
          baseSize: 5_800_000,
          headSize: 7_000_000,
          delta: 1_200_000,
          compressedDelta: 400_000,
          change: 'grew',
        },
        {
          createdBy: 'ADD rootfs.tar /',
          baseImage: 'stagegate/busybox:1',
          baseSize: 4_400_000,
          headSize: 4_400_000,
          delta: 0,
          compressedDelta: 0,
          change: 'unchanged',
        },
      ],
    },
    budgets: [],
    findings: [finding('warning', 5)],
    errors: [],
  };
}

export function withChanges(report: Report, change: (r: Report) => void): Report {
  const copy = structuredClone(report);
  change(copy);
  return copy;
}
