/** Retry timing: bounded, jittered exponential backoff that honours Retry-After. */

export interface RetryPolicy {
	/** Total attempts including the first one. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error is surfaced instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 250,
	maxDelayMs: 15_000,
	maxRetryAfterMs: 120_000,
};

/** Parses Retry-After as delta-seconds or as an HTTP date. Returns milliseconds, or undefined. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (trimmed === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential backoff with "equal
 * jitter" (half fixed, half random) so that many clients do not retry in lockstep. A server's
 * Retry-After is honoured as the floor, plus a little jitter.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
	const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
	const jittered = Math.round(cap / 2 + (random() * cap) / 2);
	if (retryAfterMs === undefined) return jittered;
	return retryAfterMs + Math.round((random() * Math.min(policy.baseDelayMs, 1000)) / 4);
}
