import { expectNumberInRange, expectObject, optional, rejectUnknownFields, required } from './validate';

export interface RateLimitOptions {
	/** Sustained requests per second allowed per key (token). */
	requestsPerSecond: number;
	/** Bucket size: how many requests may arrive at once (default: requestsPerSecond, at least 1). */
	burst?: number;
}

export function parseRateLimit(value: unknown, path = 'rateLimit'): RateLimitOptions {
	const obj = expectObject(value, path);
	rejectUnknownFields(obj, ['requestsPerSecond', 'burst'], path);
	return {
		requestsPerSecond: required(obj, 'requestsPerSecond', path, (v, p) => expectNumberInRange(v, p, 0.001, 1e9)),
		burst: optional(obj, 'burst', path, (v, p) => expectNumberInRange(v, p, 1, 1e9)),
	};
}

interface Bucket {
	tokens: number;
	updatedAt: number;
}

/** Token bucket per key; `take` answers how many seconds to wait (0 = allowed). */
export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();
	private readonly capacity: number;

	constructor(
		readonly options: RateLimitOptions,
		private readonly now: () => number = Date.now,
	) {
		this.capacity = options.burst ?? Math.max(1, options.requestsPerSecond);
	}

	take(key: string): number {
		const now = this.now();
		const rate = this.options.requestsPerSecond;
		const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updatedAt: now };
		bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
		bucket.updatedAt = now;
		this.buckets.set(key, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
	}
}
