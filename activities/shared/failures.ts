import { ApplicationFailure } from '@temporalio/common';
import { ApiError, PlatformError } from '../../clients/core';
import { FileError } from '../files/types';
import { ConfigurationError } from './connections';

export { NON_RETRYABLE as NON_RETRYABLE_ERROR_TYPES } from '../../workflows/retry';

/**
 * Converts errors from the client and file layers into Temporal failures: bad input, a missing
 * connection or a 4xx answer become non-retryable (typed) failures; everything else stays
 * retryable and is retried by the activity's retry policy. Messages are already redacted.
 */
export function toActivityFailure(error: unknown): unknown {
	if (error instanceof ApplicationFailure) return error;
	if (error instanceof ApiError && error.retryable) {
		return ApplicationFailure.retryable(error.message, 'ApiRetryableError', { status: error.status, body: error.body });
	}
	if (error instanceof PlatformError && !error.retryable) {
		const details = error instanceof ApiError ? { status: error.status, body: error.body } : 'issues' in error ? { issues: (error as { issues: unknown }).issues } : undefined;
		return ApplicationFailure.nonRetryable(error.message, error.name, details);
	}
	if (error instanceof FileError || error instanceof ConfigurationError) return ApplicationFailure.nonRetryable(error.message, error.name);
	return error;
}

/** Wraps every activity so that failures leave it typed (see toActivityFailure). */
export function withFailureTypes<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
	const wrapped: Record<string, unknown> = {};
	for (const [name, fn] of Object.entries(activities)) {
		wrapped[name] = async (...args: never[]) => {
			try {
				return await fn(...args);
			} catch (error) {
				throw toActivityFailure(error);
			}
		};
	}
	return wrapped as T;
}
