/**
 * When a GitHub API request is tried again, and after how long: pure decisions (data in, data out)
 * that `octokit.ts` applies around every request. The rules:
 * - a rate limit (429, or 403 with `Retry-After`, `x-ratelimit-remaining: 0` or GitHub's "secondary
 *   rate limit" message) waits as long as GitHub asks, then tries again, whatever the method: GitHub
 *   refused the request before acting on it;
 * - a transient fault (5xx, a network error, no answer within the per-request timeout) is tried again
 *   after an exponential backoff with jitter, but only for requests that are safe to repeat: never a
 *   create (POST), which may have landed although its answer was lost (the caller re-lists first);
 * - anything else (400, 401, 403 without rate-limit signs, 404, 422) is answered at once;
 * - all waiting stops once the retry budget (2 minutes from the client's first request) would be
 *   exceeded, and after GITHUB_API.maxAttempts attempts of one request.
 */
import { GITHUB_API } from '../../limits.js';

export interface RetryPolicy {
  /** One "second" of the schedule in ms: 1000 in real runs; tests shrink it to run fast. */
  unitMs: number;
  /** Abandon a single attempt after this many ms. */
  timeoutMs: number;
  /** No retry starts later than this many ms after the client's first request. */
  budgetMs: number;
  /** Attempts of one request, the first included. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = policyWithUnit(1000);

function policyWithUnit(unitMs: number, timeoutMs?: number): RetryPolicy {
  return {
    unitMs,
    timeoutMs: timeoutMs ?? GITHUB_API.requestTimeoutSeconds * unitMs,
    budgetMs: GITHUB_API.retryBudgetSeconds * unitMs,
    maxAttempts: GITHUB_API.maxAttempts,
  };
}

function positiveNumber(value: string | undefined, max: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 && n <= max ? n : undefined;
}

/**
 * For tests only (documented in docs/security.md): `STAGEGATE_GITHUB_RETRY_BASE_MS` is the length
 * of one second of the schedule (backoff, `Retry-After`, the budget and, unless set apart, the
 * timeout), `STAGEGATE_GITHUB_TIMEOUT_MS` the per-request timeout. Values that are not positive
 * numbers up to the real ones are ignored, so a typo cannot make a real run wait longer.
 */
export function retryPolicyFromEnv(env: Record<string, string | undefined>): RetryPolicy {
  const unit = positiveNumber(env.STAGEGATE_GITHUB_RETRY_BASE_MS, 1000) ?? 1000;
  const timeout = positiveNumber(env.STAGEGATE_GITHUB_TIMEOUT_MS, GITHUB_API.requestTimeoutSeconds * 1000);
  return policyWithUnit(unit, timeout);
}

type Headers = Record<string, string | number | undefined>;

function header(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.[name] ?? headers?.[name.toLowerCase()];
  return value === undefined ? undefined : String(value);
}

/** `Retry-After` in seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if neither. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // An HTTP date names its day and month ("Wed, 21 Oct 2026 07:28:00 GMT"); Date.parse alone would
  // also take "-5" as a year.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/**
 * Seconds GitHub asks us to wait, if this answer is a rate limit; undefined if it is not one.
 * GitHub's documented order: `Retry-After` first; else `x-ratelimit-remaining: 0` waits until
 * `x-ratelimit-reset` (epoch seconds) plus a second; else a secondary rate limit waits a minute.
 */
export function rateLimitWaitSeconds(
  status: number | undefined,
  headers: Headers | undefined,
  message: string,
  nowMs: number,
): number | undefined {
  if (status !== 429 && status !== 403) return undefined;
  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), nowMs);
  if (retryAfter !== undefined) return retryAfter;
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (header(headers, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0)
    return Math.max(0, Math.ceil(reset - nowMs / 1000) + 1);
  if (/secondary rate limit/i.test(message)) return 60;
  // A bare 429 is still a rate limit: back off as for a fault. A bare 403 is a refusal.
  return status === 429 ? 0 : undefined;
}

/** Exponential backoff with "equal jitter": half the step is fixed, half random (1, 2, 4... units). */
export function backoffMs(retryNumber: number, unitMs: number, random: number): number {
  const step = unitMs * 2 ** Math.max(0, retryNumber - 1);
  return Math.round(step / 2 + (step / 2) * Math.min(1, Math.max(0, random)));
}

export interface FailedAttempt {
  method: string;
  /** The route template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments`. */
  url: string;
  /** HTTP status; undefined when no answer came (network error, timeout). */
  status?: number;
  headers?: Headers;
  message: string;
  timedOut: boolean;
  /** Attempts made so far, this one included. */
  attempt: number;
  /** ms since the client's first request. */
  elapsedMs: number;
  nowMs: number;
  random: number;
}

export type RetryDecision =
  | { retry: true; waitMs: number; reason: string }
  | { retry: false; reason: 'not-retryable' | 'not-repeatable' | 'attempts' | 'budget'; waitMs?: number };

/** Whether repeating the request cannot do a thing twice. GraphQL here is only the viewer query. */
export function isRepeatable(method: string, url: string): boolean {
  return method.toUpperCase() !== 'POST' || url === '/graphql';
}

/** A fault that says nothing about whether the request was carried out (it may have been). */
export function isTransient(status: number | undefined, timedOut: boolean): boolean {
  return timedOut || status === undefined || status >= 500;
}

export function decideRetry(failed: FailedAttempt, policy: RetryPolicy): RetryDecision {
  const limited = failed.timedOut
    ? undefined
    : rateLimitWaitSeconds(failed.status, failed.headers, failed.message, failed.nowMs);
  let waitMs: number;
  let reason: string;
  if (limited !== undefined && limited > 0) {
    waitMs = limited * policy.unitMs;
    reason = `rate limited (${failed.status}); GitHub asks to wait ${limited}s`;
  } else if (limited !== undefined || isTransient(failed.status, failed.timedOut)) {
    if (limited === undefined && !isRepeatable(failed.method, failed.url))
      return { retry: false, reason: 'not-repeatable' };
    waitMs = backoffMs(failed.attempt, policy.unitMs, failed.random);
    reason = failed.timedOut ? 'no answer in time' : `answer ${failed.status ?? 'none'} (${failed.message})`;
  } else {
    return { retry: false, reason: 'not-retryable' };
  }
  if (failed.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts', waitMs };
  if (failed.elapsedMs + waitMs > policy.budgetMs) return { retry: false, reason: 'budget', waitMs };
  return { retry: true, waitMs, reason };
}
