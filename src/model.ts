/**
 * The JSON report: the one data structure every renderer (Markdown comment, job summary, SARIF,
 * annotations, outputs) reads. Documented field by field in docs/report-schema.md. It is the bottom
 * layer: it imports nothing, and every other module may import it.
 */

export type Severity = 'error' | 'warning' | 'info' | 'style';

/** Most severe first; `fail-on` compares by position in this list. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

export interface Finding {
  file: string;
  line: number;
  endLine: number;
  column?: number;
  rule: string;
  severity: Severity;
  message: string;
  aliases: string[];
  /** Rule documentation page. */
  docs: string;
  /**
   * The other 1-based start lines where the rule found the same thing: instructions of the same text
   * (whitespace and continuations aside) in the same stage, with the same message and severity. The
   * finding is said once, at the first of them (`line`); absent when there is only the one.
   */
  alsoAt?: number[];
  /**
   * Whether the pull request brought it: `existing` when the base commit's Dockerfile has the same
   * finding (same rule, same instruction text, same stage), else `new`. Set by the job (every finding
   * is `new` on a push or without a base); absent only in findings the lint alone produced.
   */
  baseline?: FindingBaseline;
}

export type FindingBaseline = 'new' | 'existing';

/** Every start line a finding stands for: its own, then the repeats it was said once for (`alsoAt`). */
export function findingLines(finding: Pick<Finding, 'line' | 'alsoAt'>): number[] {
  return [finding.line, ...(finding.alsoAt ?? [])];
}

/**
 * What renderers add to a finding's message for its repeats: ` (and 2 more: lines 7, 9-10)`, runs of
 * consecutive lines joined; '' when it has none.
 */
export function moreLinesText(finding: Pick<Finding, 'alsoAt'>): string {
  const lines = finding.alsoAt ?? [];
  if (lines.length === 0) return '';
  const runs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && (lines[j + 1] as number) === (lines[j] as number) + 1) j++;
    runs.push(j > i ? `${lines[i]}-${lines[j]}` : String(lines[i]));
    i = j;
  }
  return ` (and ${lines.length} more: line${lines.length === 1 ? '' : 's'} ${runs.join(', ')})`;
}

/** How the findings were compared with the base commit's (the report's `findingsBaseline`). */
export interface FindingsBaseline {
  /** The base commit whose Dockerfile was linted; absent when there was none (then every finding is new). */
  sha?: string;
  new: number;
  existing: number;
  /** Why every finding counts as new, when nothing was compared (a push, no base, no such Dockerfile). */
  reason?: string;
}

/**
 * The findings the step is judged on, and annotated: the new ones, or all of them when
 * `fail-on-existing-findings` is on. A finding not compared (no `baseline`) counts as new.
 */
export function judgedFindings(findings: Finding[], failOnExisting: boolean | undefined): Finding[] {
  return failOnExisting ? findings : findings.filter((f) => f.baseline !== 'existing');
}

/** Findings that fail the step under `fail-on`: at or above it (none for `never`, unset or unknown). */
export function findingsFailingOn(findings: Finding[], failOn: Severity | 'never' | undefined): Finding[] {
  const limit = failOn === undefined || failOn === 'never' ? -1 : SEVERITIES.indexOf(failOn);
  if (limit < 0) return [];
  return findings.filter((f) => {
    const i = SEVERITIES.indexOf(f.severity);
    return i >= 0 && i <= limit;
  });
}

export const REPORT_SCHEMA_VERSION = 1;

/**
 * passed/failed: the test stage's verdict (a test that ran past `test-timeout` failed). skipped: no
 * test gate. error: no verdict, because the Docker engine failed or the run was cancelled (the
 * reason says which); never the pull request's failure, though the step fails.
 */
export type TestVerdict = 'passed' | 'failed' | 'skipped' | 'error';

export interface StageInfo {
  index: number;
  name?: string;
  /** Image reference, or `stage:<name>` when built FROM another stage. */
  base: string;
  line: number;
  endLine: number;
  /** Indexes of stages this one needs (FROM, COPY --from, RUN --mount from). */
  dependsOn: number[];
  /** Why stagegate builds it: target, test, listed in `stages`, or not built. */
  role: 'target' | 'test' | 'stage' | 'unbuilt';
}

export interface StageBuild {
  /** Stage name (or index as text for unnamed stages). */
  stage: string;
  status: 'built' | 'failed' | 'skipped';
  /** Epoch milliseconds; durations come from these. */
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  /** Every step came from cache. */
  cached: boolean;
  imageId?: string;
  /** Bytes of the stage's image on disk, when the build measured it (shown in the stage table). */
  size?: number;
  /** How many layers the stage's image has, when the build measured it. */
  layers?: number;
  /** Last lines of the build output when it failed (ANSI stripped). */
  errorTail?: string[];
  /** Why it was skipped (e.g. a stage it depends on failed). */
  reason?: string;
}

export interface TestResult {
  stage?: string;
  result: TestVerdict;
  /** What failed: the RUN step during the build, or the image's CMD/ENTRYPOINT when run. */
  failedStep?: { kind: 'build' | 'run'; command: string; line?: number; exitCode?: number };
  logTail?: string[];
  reason?: string;
  /** Set when the test image's run was stopped at `test-timeout` (result 'failed'); the limit in ms. */
  timedOutAfterMs?: number;
}

export interface InstructionRef {
  stage: string;
  line: number;
  /** The instruction text as written (first line, trimmed). */
  text: string;
}

export type CompressedSizeSource = 'registry' | 'measured' | 'cached';

export interface LayerInfo {
  /** Uncompressed layer digest (the diff id). */
  diffId: string;
  /** Bytes as unpacked on disk (the layer tar's content size). */
  size: number;
  /** Bytes gzip-compressed, as a registry stores it. */
  compressedSize: number;
  /**
   * Where `compressedSize` came from: `registry` (the registry's manifest, for a pulled layer),
   * `measured` (compressed in this run), `cached` (an earlier measurement of the same diff id: this
   * run's other image, the machine's cache, or the saved base report). Absent in reports written
   * before it existed.
   */
  compressedSizeSource?: CompressedSizeSource;
  /** The history `created_by` as docker reports it. */
  createdBy: string;
  /** The Dockerfile instruction that made it, when it can be known. */
  instruction?: InstructionRef;
  /** Set for layers that come from the base image (then `instruction` is unset). */
  baseImage?: string;
}

export interface WasteEntry {
  path: string;
  /** Total bytes of copies that a later layer replaced or deleted. */
  wastedBytes: number;
  /** Indexes into `layers` where the path was written. */
  layers: number[];
  /** How many times it occurs across layers. */
  count: number;
}

export interface WasteReport {
  wastedBytes: number;
  /**
   * dive's image efficiency (0..1): the sum over paths of the smallest copy, divided by the sum over
   * paths of all copies (a deletion counts as a 0-byte copy). 1 means no file is ever replaced or deleted.
   */
  efficiency: number;
  /** dive's "potential wasted space": every copy of a path written more than once, the kept one included. */
  diveWastedBytes?: number;
  offenders: WasteEntry[];
}

/** Where a package comes from: an OS package manager or a language's. */
export type PackageEcosystem = 'deb' | 'apk' | 'rpm' | 'npm' | 'python' | 'go' | 'maven';

export interface PackageInfo {
  ecosystem: PackageEcosystem;
  name: string;
  version: string;
  /** Installed bytes (see docs/report-schema.md for where each ecosystem's figure comes from). */
  size?: number;
  /** Index into `layers` of the layer that brought this version in. */
  layer: number;
  /** The database or manifest that records it (`/var/lib/dpkg/status`, `.../node_modules/ms/package.json`). */
  path: string;
}

/** A file of the image's final filesystem. */
export interface ImageFile {
  path: string;
  size: number;
  /** Index into `layers` of the layer whose copy is the one in the image. */
  layer: number;
}

/** What is inside the image: its packages and its largest files, from the same pass as its sizes. */
export interface ImageContents {
  packages: PackageInfo[];
  /** The largest files of the final filesystem, largest first (at most LARGEST_FILES_KEPT). */
  largestFiles: ImageFile[];
  /** Every file larger than this many bytes is in `largestFiles` (0: every file is). */
  largestFilesFrom: number;
  /** What could not be read (an older rpm database, a record too big), one line each. */
  notes: string[];
}

export interface ImageMeasurement {
  imageId: string;
  /** Bytes on disk, as `docker image inspect` reports `Size`. */
  size: number;
  /** Bytes a registry stores: gzip-compressed layers + config + manifest. */
  compressedSize: number;
  layers: LayerInfo[];
  waste?: WasteReport;
  /** Packages and largest files; absent when the files were not listed (or an older report). */
  contents?: ImageContents;
}

export interface LayerDelta {
  instruction?: InstructionRef;
  /** Set on the one row that sums the base image's layers (then `instruction` is unset). */
  baseImage?: string;
  createdBy: string;
  /** Bytes in base and head; undefined when the layer exists on one side only. */
  baseSize?: number;
  headSize?: number;
  delta: number;
  compressedDelta: number;
  change: 'added' | 'removed' | 'grew' | 'shrank' | 'unchanged';
}

/** Where a change came from: the head's layer (the base's for something removed). */
export interface ChangeOrigin {
  /** Index into the layers of the image it is in: the head's, or the base's when `change` is `removed`. */
  layer: number;
  instruction?: InstructionRef;
  /** Set when the layer is the base image's. */
  baseImage?: string;
}

export interface PackageChange extends ChangeOrigin {
  ecosystem: PackageEcosystem;
  name: string;
  change: 'added' | 'removed' | 'upgraded' | 'downgraded';
  baseVersion?: string;
  headVersion?: string;
  baseSize?: number;
  headSize?: number;
  /** headSize - baseSize, treating a missing side as 0 (and an unknown size as 0). */
  sizeDelta: number;
  /** The database or manifest that records it, on the head's side (the base's when removed). */
  path: string;
}

export interface FileChange extends ChangeOrigin {
  path: string;
  change: 'added' | 'grew';
  /** Bytes in the base image; absent when the base has no such file among its largest. */
  baseSize?: number;
  /** Set when the base may have had the file but smaller than this (below its largest files). */
  baseBelow?: number;
  headSize: number;
  delta: number;
}

export interface SizeDelta {
  size: number;
  sizePercent: number | null;
  compressedSize: number;
  compressedPercent: number | null;
  /** True when both deltas are below the noise threshold. */
  unchanged: boolean;
  baseImageChanged: boolean;
  layers: LayerDelta[];
  /** Packages added, removed, upgraded or downgraded, largest change first; absent when either side has no package list. */
  packages?: PackageChange[];
  /** Files added or grown, most bytes first (at most LARGEST_FILE_CHANGES); absent as `packages`. */
  files?: FileChange[];
}

export interface BaseComparison {
  /**
   * compared: a base image was measured. new-image: the base commit has no Dockerfile or no target
   * stage. failed: the base build failed (no delta). disabled: `compare: false` or not a PR.
   */
  status: 'compared' | 'new-image' | 'failed' | 'disabled';
  ref?: string;
  sha?: string;
  source?: 'built' | 'cache';
  image?: ImageMeasurement;
  message?: string;
  /** The stage names of the base commit's Dockerfile, when it was read (the test gate checks its test stage). */
  stages?: string[];
}

export interface BudgetResult {
  name: 'max-size' | 'max-size-increase';
  /** The budget as the user wrote it. */
  limit: string;
  /** The measured figure it was compared with, in bytes (or percent for a percent budget). */
  measured: number;
  unit: 'bytes' | 'percent';
  passed: boolean;
  message: string;
  /** True when the budget could not be checked (e.g. no base image); then `passed` is true. */
  skipped?: boolean;
}

/**
 * The engine a run built on, as it detected it once (docker info, docker buildx version, docker buildx
 * inspect): what changes how stagegate builds and what its figures mean.
 */
export interface EngineFacts {
  /** `buildx` (docker buildx build), or `buildkit` (the DOCKER_BUILDKIT=1 docker build fallback). */
  backend: 'buildx' | 'buildkit';
  /** The daemon's version (docker info's ServerVersion). */
  serverVersion: string;
  /** `containerd` when the containerd snapshotter holds the images, else `classic`. */
  imageStore: 'classic' | 'containerd';
  /** The daemon's platform (`linux/amd64`): loaded images are built for it, and run on it. */
  platform?: string;
  /** `docker buildx version`'s line, with the buildx backend. */
  buildxVersion?: string;
  /** The builder's name and driver (docker, docker-container, remote, kubernetes...), with buildx. */
  builder?: string;
  driver?: string;
}

export interface ReportError {
  /** Where it happened: inputs, dockerfile, build, test, size, base, comment... */
  step: string;
  message: string;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'stagegate'; version: string };
  /** Dockerfile path relative to the workspace, as given in `file`. */
  dockerfile: string;
  context: string;
  target?: string;
  /** Where links point: repository, head commit, and the PR when there is one. */
  source: { repository?: string; serverUrl?: string; sha?: string; pullRequest?: number; event?: string };
  stages: StageInfo[];
  builds: StageBuild[];
  test: TestResult;
  image?: ImageMeasurement;
  base: BaseComparison;
  delta?: SizeDelta;
  budgets: BudgetResult[];
  findings: Finding[];
  /** How `findings` compare with the base commit's: how many are new and existing. */
  findingsBaseline?: FindingsBaseline;
  /** About the lint itself, each said once (e.g. ShellCheck was not installed); absent when none. */
  lintNotes?: string[];
  /** The engine the run built on; absent when no engine answered. */
  engine?: EngineFacts;
  /** The `fail-on` input: findings at or above this severity fail the step (`never`: none do). */
  failOn?: Severity | 'never';
  /** The `fail-on-existing-findings` input: existing findings fail the step (and are annotated) too. */
  failOnExistingFindings?: boolean;
  errors: ReportError[];
}
