/**
 * Every count and size limit stagegate applies, in one place, each with the reason for its value.
 * Algorithm parameters (gzip level, block sizes) stay with their algorithms; these are the bounds on
 * what is kept, shown or retried.
 */

/** Output lines a finished command keeps (its tail), by kind of command. */
export const TAIL_LINES = {
  /** A command whose tail nobody asked for. */
  default: 40,
  /** One-line questions (info, buildx version, builder inspect): the error is in the last lines. */
  quick: 5,
  /** git: its errors are short, but a fetch prints progress first. */
  git: 20,
  /** A build: the failure's own output comes from the progress parser; this is the fallback. */
  build: 60,
  /** The test image's run: what the report shows of it. */
  testRun: 30,
} as const;

/** Lines of a failing step's output the report keeps (per stage, and for the test). */
export const REPORT_LOG_LINES = 30;

/** Output lines kept per build step while parsing progress (the failing step's own log). */
export const STEP_OUTPUT_LINES = 200;

/** Characters of a command's stderr kept in memory: build logs can be large and only the end matters. */
export const STDERR_MAX_CHARS = 1_000_000;

/** GitHub rejects issue comments longer than this (characters). */
export const COMMENT_MAX_CHARS = 65_536;

/** GitHub rejects a step's job summary larger than this (bytes). */
export const SUMMARY_MAX_BYTES = 1024 * 1024;

/** Room left in the job summary for whatever the job's other steps write to the same file. */
export const SUMMARY_RESERVED_BYTES = 16 * 1024;

/**
 * Rows the Markdown keeps, from the full rendering down to the smallest; each list is tried in turn
 * until the text fits its limit (see report/trim.ts). The first entry of each is what a report
 * normally shows.
 */
export const MARKDOWN_ROWS = {
  /** A failing log: all the report kept (REPORT_LOG_LINES), then the last 10. */
  logLines: [Infinity, 10],
  layers: [10, 5],
  waste: [10, 3],
  /** Package changes shown before the rest are collapsed, and the whole list's row counts. */
  packagesShown: 10,
  packages: [Infinity, 100, 25],
  files: [10, 5],
  findings: [Infinity, 100, 25, 5],
  /** Stages neither built nor shown in the table, listed by name. */
  unbuiltStageNames: 20,
} as const;

/** Paths the wasted-space analysis lists (the largest first), as dive's "top offenders" does. */
export const WASTE_OFFENDERS = 20;

/**
 * Files of each image's final filesystem the report keeps, the largest first: enough that the files
 * a PR added or grew most are among them, few enough that the report stays small.
 */
export const LARGEST_FILES_KEPT = 200;

/** Files added or grown that the report lists (the most bytes first). */
export const LARGEST_FILE_CHANGES = 10;

/** Layer groups the comment's chart draws; more layers are grouped (the table still lists each). */
export const CHART_GROUPS = 8;

/** Entries a cache folder on the machine keeps before it drops the oldest. */
export const DIRECTORY_CACHE_ENTRIES = 1000;

/**
 * Stage builds started at once (the base commit's build runs beside them). More at once gain little
 * on a daemon's built-in BuildKit, which runs concurrent builds nearly one after another (see
 * BENCHMARKS.md), and raise the odds of BuildKit's transient "flightcontrol" failure under load.
 */
export const STAGE_BUILD_CONCURRENCY = 4;

/**
 * How long stagegate keeps talking to a GitHub API that is slow, failing or rate limiting (see
 * src/seams/github/retry-policy.ts and docs/security.md). A single request that has not answered in
 * `requestTimeoutSeconds` is abandoned (the HTTP client's own limit is 300 s); no retry starts later
 * than `retryBudgetSeconds` after the first request, so the comment costs the job at most about two
 * and a half minutes; `maxAttempts` bounds the tries of one request; a create whose answer was lost
 * is sent at most `createAttempts` times, each after re-listing to see whether the last one landed.
 */
export const GITHUB_API = {
  requestTimeoutSeconds: 30,
  retryBudgetSeconds: 120,
  maxAttempts: 6,
  createAttempts: 3,
} as const;

/** The largest JSON document (manifest, config) read from a `docker save` archive. */
export const ARCHIVE_DOCUMENT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * How long to wait before removing a timed-out or cancelled test container again: the first
 * `docker rm --force` may come before `docker run` has created it.
 */
export const TEST_CONTAINER_REMOVE_RETRY_MS = 1000;

/**
 * Annotations GitHub shows per step, of each level (error, warning, notice): it keeps 10 of each per
 * step (and 50 per job) and drops the rest silently. stagegate emits only those that will be shown,
 * errors first, and says in the summary and comment how many there are in all.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

/** How long a registry may take to answer for a pulled base image's layer sizes (then: compress). */
export const REGISTRY_TIMEOUT_MS = 10_000;
