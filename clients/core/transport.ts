/**
 * The one seam between the typed platform clients and the outside world.
 *
 * A client never performs I/O itself: it hands an {@link HttpRequest} to a {@link Transport}.
 * Inside n8n the transport wraps `this.helpers.httpRequestWithAuthentication` (n8n applies the
 * credential); inside Temporal activities it wraps axios. Transports must resolve with the
 * response for every HTTP status and reject only when no response arrived (see NetworkError).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined | null | Array<string | number>;

export type ResponseType = 'json' | 'text' | 'arraybuffer' | 'stream';

export interface HttpRequest {
	method: HttpMethod;
	url: string;
	headers?: Record<string, string>;
	query?: Record<string, QueryValue>;
	/**
	 * A JSON-serialisable value, or raw bytes/text with a Content-Type header set by the caller, or a
	 * ByteSource (see byteSource.ts): streamed with its size as Content-Length, opened once per attempt.
	 */
	body?: unknown;
	/** How the transport should read the response body. Defaults to `json` (text when not JSON). */
	responseType?: ResponseType;
	timeoutMs?: number;
}

export interface HttpResponse<T = unknown> {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string | undefined>;
	body: T;
}

export type Transport = <T = unknown>(request: HttpRequest) => Promise<HttpResponse<T>>;

/** Injected so that no client code depends on timers (n8n bans them in community nodes). */
export type Sleep = (ms: number) => Promise<void>;

/** Builds a query string the same way for every transport (repeated keys for arrays). */
export function buildQueryString(query: Record<string, QueryValue> | undefined): string {
	if (!query) return '';
	const parts: string[] = [];
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null) continue;
		const values = Array.isArray(value) ? value : [value];
		for (const v of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
	}
	return parts.length ? `?${parts.join('&')}` : '';
}

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value);
	}
	return out;
}

/** Fills `{param}` placeholders of a route template, percent-encoding each value. */
export function fillPath(template: string, params: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (_, key: string) => {
		const value = params[key];
		if (value === undefined || value === '') throw new TypeError(`missing path parameter "${key}" for ${template}`);
		return encodeURIComponent(String(value));
	});
}
