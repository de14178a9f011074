import { ApiError, NetworkError, PlatformError, redact } from './errors';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry';
import { buildQueryString, joinUrl, type HttpMethod, type HttpRequest, type HttpResponse, type QueryValue, type ResponseType, type Sleep, type Transport } from './transport';

/**
 * What a client needs to know about one API operation to send it safely.
 * `idempotent` decides whether a failed attempt may be repeated: GET/PUT/DELETE are idempotent by
 * HTTP semantics; a POST only when the platform makes it so (re:infer `sync` upserts by comment id).
 */
export interface OperationSpec {
	/** Stable operation name, used in errors and logs, e.g. `syncComments`. */
	name: string;
	method: HttpMethod;
	idempotent?: boolean;
}

export interface CallOptions {
	path: string;
	query?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	responseType?: ResponseType;
	timeoutMs?: number;
	/** Statuses to hand back as a response instead of raising (e.g. 404 for an existence check). */
	acceptStatuses?: number[];
}

/** Per-platform hooks: how the platform words its errors, and how it authenticates where the client does it. */
export interface PlatformAdapter {
	/** Human-readable platform name, e.g. `re:infer`. */
	name: string;
	/** Extracts the platform's error text from an error body. */
	errorMessage(body: unknown): string | undefined;
}

export interface ClientEvents {
	/** Called before each retry: for logs and tests. Never receives secrets. */
	onRetry?(info: { operation: string; attempt: number; delayMs: number; reason: string }): void;
}

/** Client-side authentication for transports that do not authenticate themselves (activities). */
export interface AuthProvider {
	/** Headers to add to a request. */
	headers(): Promise<Record<string, string>>;
	/** Called after a 401; returns true when new credentials were obtained and the call may be repeated once. */
	refresh?(): Promise<boolean>;
	/** Secret values to redact from errors. */
	secrets(): string[];
}

export interface ClientConfig {
	baseUrl: string;
	transport: Transport;
	sleep: Sleep;
	retry?: Partial<RetryPolicy>;
	auth?: AuthProvider;
	/** Extra secrets to redact from error messages and bodies. */
	secrets?: string[];
	events?: ClientEvents;
	random?: () => number;
}

/**
 * Executes operations for one platform: URL building, authentication hook, retries with backoff,
 * translation of failures into typed errors. Every platform client is a thin layer over this.
 */
export class HttpClient {
	readonly baseUrl: string;
	private readonly policy: RetryPolicy;

	constructor(
		readonly platform: PlatformAdapter,
		private readonly config: ClientConfig,
	) {
		this.baseUrl = config.baseUrl.replace(/\/+$/, '');
		this.policy = { ...DEFAULT_RETRY_POLICY, ...config.retry };
	}

	get sleep(): Sleep {
		return this.config.sleep;
	}

	/** Sends an operation and returns the response body; non-2xx statuses become ApiError. */
	async call<T>(op: OperationSpec, options: CallOptions): Promise<T> {
		return (await this.send<T>(op, options)).body;
	}

	/** Sends an operation and returns the whole response. */
	async send<T>(op: OperationSpec, options: CallOptions): Promise<HttpResponse<T>> {
		const url = /^https?:\/\//.test(options.path) ? options.path : joinUrl(this.baseUrl, options.path);
		let refreshed = false;
		for (let attempt = 1; ; attempt++) {
			const request: HttpRequest = {
				method: op.method,
				url: url + buildQueryString(options.query),
				headers: { ...(options.headers ?? {}), ...(await this.config.auth?.headers()) },
				body: options.body,
				responseType: options.responseType,
				timeoutMs: options.timeoutMs,
			};
			let response: HttpResponse<T>;
			try {
				response = await this.config.transport<T>(request);
			} catch (error) {
				const failure = this.toNetworkError(error, op, attempt);
				const mayRepeat = op.idempotent === true || failure.notSent;
				if (!mayRepeat || attempt >= this.policy.maxAttempts) throw failure;
				await this.pause(op, attempt, undefined, failure.code ?? 'network error');
				continue;
			}

			if ((response.status >= 200 && response.status < 300) || options.acceptStatuses?.includes(response.status)) return response;

			if (response.status === 401 && !refreshed && this.config.auth?.refresh) {
				refreshed = true;
				if (await this.config.auth.refresh()) {
					attempt--;
					continue;
				}
			}
			const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
			// A 429 means the request was refused before any processing, so it is safe to repeat
			// even when the operation is not idempotent. Other retryable statuses need idempotency.
			const retryable = response.status === 429 || (op.idempotent === true && (response.status >= 500 || response.status === 408));
			const waitable = retryAfterMs === undefined || retryAfterMs <= this.policy.maxRetryAfterMs;
			if (!retryable || !waitable || attempt >= this.policy.maxAttempts) {
				throw this.toApiError(op, response, attempt, retryAfterMs);
			}
			await this.pause(op, attempt, retryAfterMs, `HTTP ${response.status}`);
		}
	}

	private async pause(op: OperationSpec, attempt: number, retryAfterMs: number | undefined, reason: string): Promise<void> {
		const delayMs = backoffDelay(attempt, this.policy, retryAfterMs, this.config.random);
		this.config.events?.onRetry?.({ operation: op.name, attempt, delayMs, reason });
		await this.config.sleep(delayMs);
	}

	private secrets(): string[] {
		return [...(this.config.secrets ?? []), ...(this.config.auth?.secrets() ?? [])];
	}

	private toApiError(op: OperationSpec, response: HttpResponse<unknown>, attempts: number, retryAfterMs?: number): ApiError {
		const body = redact(decodeBody(response.body), this.secrets());
		return new ApiError({
			platform: this.platform.name,
			operation: op.name,
			status: response.status,
			body,
			platformMessage: this.platform.errorMessage(body),
			retryAfterMs,
			attempts,
		});
	}

	private toNetworkError(error: unknown, op: OperationSpec, attempts: number): NetworkError {
		if (error instanceof NetworkError) return new NetworkError(error.message, this.platform.name, op.name, error.code, attempts);
		if (error instanceof PlatformError) throw error;
		const code = (error as { code?: string } | undefined)?.code;
		const message = redact(error instanceof Error ? error.message : String(error), this.secrets());
		return new NetworkError(`${this.platform.name} ${op.name}: no response (${code ?? message})`, this.platform.name, op.name, code, attempts);
	}
}

function decodeBody(body: unknown): unknown {
	if (body instanceof Uint8Array) {
		const text = new TextDecoder().decode(body);
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return body;
}
