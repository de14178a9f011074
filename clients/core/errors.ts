/**
 * Typed errors shared by every platform client. Messages are written for the person who reads them
 * in n8n's error panel or in a Temporal failure: they name the platform, the operation, and (for
 * input errors) the item and field. Secrets are redacted before any text leaves this layer.
 */

export type ErrorKind = 'api' | 'network' | 'validation';

const REDACTED = '[redacted]';

/** Replaces every occurrence of each secret (at least 4 characters long) with `[redacted]`. */
export function redact<T>(value: T, secrets: readonly string[]): T {
	const usable = secrets.filter((s) => typeof s === 'string' && s.length >= 4);
	if (usable.length === 0) return value;
	const scrub = (text: string) => usable.reduce((acc, secret) => acc.split(secret).join(REDACTED), text);
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return scrub(v);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') {
			return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
		}
		return v;
	};
	return walk(value) as T;
}

export abstract class PlatformError extends Error {
	abstract readonly kind: ErrorKind;
	/** Whether repeating the same call later may succeed. */
	abstract readonly retryable: boolean;

	constructor(
		message: string,
		readonly platform: string,
		readonly operation: string,
	) {
		super(message);
		this.name = new.target.name;
	}
}

export interface ApiErrorDetails {
	platform: string;
	operation: string;
	status: number;
	/** The platform's error body, already redacted. */
	body: unknown;
	/** The platform's own error text extracted from the body. */
	platformMessage?: string;
	retryAfterMs?: number;
	attempts?: number;
}

/** The platform answered with a non-2xx status. */
export class ApiError extends PlatformError {
	readonly kind = 'api' as const;
	readonly status: number;
	readonly body: unknown;
	readonly platformMessage?: string;
	readonly retryAfterMs?: number;
	readonly attempts: number;

	constructor(details: ApiErrorDetails) {
		const detail = details.platformMessage ? `: ${details.platformMessage}` : '';
		super(`${details.platform} ${details.operation} failed with HTTP ${details.status}${detail}`, details.platform, details.operation);
		this.status = details.status;
		this.body = details.body;
		this.platformMessage = details.platformMessage;
		this.retryAfterMs = details.retryAfterMs;
		this.attempts = details.attempts ?? 1;
	}

	get retryable(): boolean {
		return isRetryableStatus(this.status);
	}
}

/** No response arrived: connection refused or reset, timeout, DNS failure. */
export class NetworkError extends PlatformError {
	readonly kind = 'network' as const;
	readonly retryable = true;

	constructor(
		message: string,
		platform: string,
		operation: string,
		/** e.g. ECONNRESET, ECONNREFUSED, ETIMEDOUT */
		readonly code?: string,
		readonly attempts = 1,
	) {
		super(message, platform, operation);
	}

	/** Wraps whatever a transport caught when no response arrived (keeps the socket error code). */
	static fromCause(cause: unknown): NetworkError {
		let code: string | undefined;
		for (let e = cause as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
			if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) {
				code = e.code;
				break;
			}
		}
		return new NetworkError(cause instanceof Error ? cause.message : String(cause), '', '', code);
	}

	/** True when the request certainly never reached the server, so even a non-idempotent call may be repeated. */
	get notSent(): boolean {
		return this.code === 'ECONNREFUSED' || this.code === 'ENOTFOUND' || this.code === 'EAI_AGAIN';
	}
}

export interface ValidationIssue {
	/** Zero-based index of the offending input item, when the input is a list. */
	itemIndex?: number;
	/** Dotted path of the field inside the item, e.g. `messages[0].body.text`. */
	field: string;
	problem: string;
}

export function formatIssue(issue: ValidationIssue): string {
	const where = issue.itemIndex === undefined ? '' : `Item ${issue.itemIndex}: `;
	return `${where}field "${issue.field}" ${issue.problem}`;
}

/** Input was rejected before any request was sent. */
export class ValidationError extends PlatformError {
	readonly kind = 'validation' as const;
	readonly retryable = false;

	constructor(
		readonly issues: ValidationIssue[],
		platform: string,
		operation: string,
	) {
		const shown = issues.slice(0, 5).map(formatIssue);
		const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
		super(`Invalid input for ${platform} ${operation}: ${shown.join('; ')}${more}`, platform, operation);
	}

	/** Index of the first offending item, when known. */
	get itemIndex(): number | undefined {
		return this.issues[0]?.itemIndex;
	}
}

export function isRetryableStatus(status: number): boolean {
	return status === 408 || status === 425 || status === 429 || status >= 500;
}

export function isPlatformError(error: unknown): error is PlatformError {
	return error instanceof PlatformError;
}
