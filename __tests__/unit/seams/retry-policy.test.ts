import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_RETRY_POLICY,
  backoffMs,
  decideRetry,
  parseRetryAfter,
  rateLimitWaitSeconds,
  retryPolicyFromEnv,
  type FailedAttempt,
} from '../../../src/seams/github/retry-policy.js';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

function failed(extra: Partial<FailedAttempt>): FailedAttempt {
  return {
    method: 'GET',
    url: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    message: 'x',
    timedOut: false,
    attempt: 1,
    elapsedMs: 0,
    nowMs: NOW,
    random: 0.5,
    ...extra,
  };
}

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30);
    expect(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('rateLimitWaitSeconds', () => {
  it('prefers Retry-After, then x-ratelimit-reset (+1 s), then a minute for a secondary limit', () => {
    expect(rateLimitWaitSeconds(429, { 'retry-after': '7' }, '', NOW)).toBe(7);
    const reset = String(NOW / 1000 + 10);
    expect(
      rateLimitWaitSeconds(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, '', NOW),
    ).toBe(11);
    expect(rateLimitWaitSeconds(403, { 'retry-after': '2', 'x-ratelimit-remaining': '0' }, '', NOW)).toBe(2);
    expect(rateLimitWaitSeconds(403, {}, 'You have exceeded a secondary rate limit', NOW)).toBe(60);
  });

  it('is no rate limit for a plain 403, a 403 with requests left, or a 500', () => {
    expect(rateLimitWaitSeconds(403, {}, 'Resource not accessible by integration', NOW)).toBeUndefined();
    expect(
      rateLimitWaitSeconds(403, { 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '1' }, '', NOW),
    ).toBe(undefined);
    expect(rateLimitWaitSeconds(500, { 'retry-after': '3' }, '', NOW)).toBeUndefined();
    // A bare 429 is a rate limit without a stated wait: backed off as a fault.
    expect(rateLimitWaitSeconds(429, {}, '', NOW)).toBe(0);
  });
});

describe('backoffMs', () => {
  it('doubles per retry, half fixed and half jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(2, 1000, 0.5)).toBe(1500);
  });
});

describe('decideRetry', () => {
  const policy = DEFAULT_RETRY_POLICY;

  it('retries 5xx, network errors and timeouts of repeatable requests with backoff', () => {
    expect(decideRetry(failed({ status: 502 }), policy)).toMatchObject({ retry: true, waitMs: 750 });
    expect(decideRetry(failed({ status: undefined }), policy)).toMatchObject({ retry: true });
    expect(decideRetry(failed({ timedOut: true, method: 'PATCH', attempt: 3 }), policy)).toMatchObject({
      retry: true,
      waitMs: 3000,
    });
  });

  it('never repeats a create after a fault, but does after a rate limit', () => {
    const post = { method: 'POST' };
    expect(decideRetry(failed({ ...post, status: 500 }), policy)).toEqual({
      retry: false,
      reason: 'not-repeatable',
    });
    expect(decideRetry(failed({ ...post, timedOut: true }), policy)).toEqual({
      retry: false,
      reason: 'not-repeatable',
    });
    expect(
      decideRetry(failed({ ...post, status: 429, headers: { 'retry-after': '2' } }), policy),
    ).toMatchObject({
      retry: true,
      waitMs: 2000,
    });
    // The viewer query is a POST that changes nothing.
    expect(decideRetry(failed({ ...post, url: '/graphql', status: 502 }), policy)).toMatchObject({
      retry: true,
    });
  });

  it('answers refusals and client errors at once', () => {
    for (const status of [400, 401, 403, 404, 422])
      expect(decideRetry(failed({ status }), policy)).toEqual({ retry: false, reason: 'not-retryable' });
  });

  it('stops at the attempt limit and at the budget', () => {
    expect(decideRetry(failed({ status: 500, attempt: policy.maxAttempts }), policy)).toMatchObject({
      retry: false,
      reason: 'attempts',
    });
    const late = failed({ status: 429, headers: { 'retry-after': '60' }, elapsedMs: 61_000 });
    expect(decideRetry(late, policy)).toMatchObject({ retry: false, reason: 'budget', waitMs: 60_000 });
    expect(decideRetry({ ...late, elapsedMs: 60_000 }, policy)).toMatchObject({
      retry: true,
      waitMs: 60_000,
    });
  });
});

describe('retryPolicyFromEnv', () => {
  it('is the real schedule unless a test shrinks it; bad or larger values are ignored', () => {
    expect(retryPolicyFromEnv({})).toEqual({
      unitMs: 1000,
      timeoutMs: 30_000,
      budgetMs: 120_000,
      maxAttempts: 6,
    });
    expect(retryPolicyFromEnv({ STAGEGATE_GITHUB_RETRY_BASE_MS: '10' })).toMatchObject({
      unitMs: 10,
      timeoutMs: 300,
      budgetMs: 1200,
    });
    expect(
      retryPolicyFromEnv({ STAGEGATE_GITHUB_RETRY_BASE_MS: '10', STAGEGATE_GITHUB_TIMEOUT_MS: '2000' }),
    ).toMatchObject({ timeoutMs: 2000 });
    for (const bad of ['0', '-1', 'fast', '5000'])
      expect(retryPolicyFromEnv({ STAGEGATE_GITHUB_RETRY_BASE_MS: bad }).unitMs).toBe(1000);
    expect(retryPolicyFromEnv({ STAGEGATE_GITHUB_TIMEOUT_MS: '600000' }).timeoutMs).toBe(30_000);
  });
});
