import type { RequestContext } from '../core';
import { HttpError } from '../core';

/**
 * Django REST framework's error shapes, as Compass answers them: `{"detail": "..."}` for
 * authentication, permission, not-found and method errors; `{"field": ["message", ...]}` for
 * invalid input (a list of such objects, one per item, when a list was posted).
 */
export class DrfError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(typeof body === 'object' && body && 'detail' in body ? String((body as { detail: unknown }).detail) : JSON.stringify(body));
	}
}

export type FieldErrors = Record<string, unknown>;

export const detail = (status: number, text: string, headers?: Record<string, string>) => new DrfError(status, { detail: text }, headers);
export const notFound = (text = 'Not found.') => detail(404, text);
export const forbidden = (text = 'You do not have permission to perform this action.') => detail(403, text);
export const unauthorized = (text: string) => detail(401, text, { 'www-authenticate': 'Token' });
export const fieldErrors = (errors: FieldErrors) => new DrfError(400, errors);
export const fieldError = (field: string, message: string) => fieldErrors({ [field]: [message] });

export const REQUIRED = 'This field is required.';

/** Body of an error the core server raised (unknown route, fault injection, rate limit, bad JSON). */
export function errorBody(status: number, message: string): unknown {
	if (status === 404) return { detail: 'Not found.' };
	if (status === 429) return { detail: 'Request was throttled.' };
	if (status === 413) return { detail: 'Request body is too large.' };
	if (status >= 500) return { detail: 'A server error occurred.' };
	return { detail: message };
}

/** Collects field errors so that every problem of a request is reported at once, as DRF does. */
export class Errors {
	readonly fields: FieldErrors = {};

	add(field: string, message: string): void {
		const list = (this.fields[field] ??= []) as string[];
		list.push(message);
	}

	nest(field: string, errors: unknown): void {
		this.fields[field] = errors;
	}

	get empty(): boolean {
		return Object.keys(this.fields).length === 0;
	}

	throwIfAny(): void {
		if (!this.empty) throw fieldErrors(this.fields);
	}
}

/** Reads a JSON or HTML-form body (the API accepts both). Empty bodies read as `{}`. */
export async function readBody(ctx: RequestContext): Promise<unknown> {
	const type = String(ctx.req.headers['content-type'] ?? '').toLowerCase();
	if (type.startsWith('application/x-www-form-urlencoded')) {
		const params = new URLSearchParams((await ctx.rawBody()).toString('utf8'));
		const out: Record<string, string> = {};
		for (const [key, value] of params) out[key] = value;
		return out;
	}
	const raw = await ctx.rawBody();
	if (raw.length === 0) return {};
	try {
		return JSON.parse(raw.toString('utf8')) as unknown;
	} catch (error) {
		throw detail(400, `JSON parse error - ${(error as Error).message}`);
	}
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TRUE = new Set(['t', 'T', 'y', 'Y', 'yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1']);
const FALSE = new Set(['f', 'F', 'n', 'N', 'no', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0']);

/** A boolean as DRF reads one from JSON, forms and query strings. */
export function parseBool(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value === 'string') {
		if (TRUE.has(value)) return true;
		if (FALSE.has(value)) return false;
	}
	return undefined;
}

/** A number from JSON or from a form/query string. */
export function parseNumber(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return undefined;
}

/** A Compass time (ISO text or seconds since the epoch) in milliseconds. */
export function parseTime(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
	const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
	return Number.isNaN(ms) ? undefined : ms;
}

/** ISO text as Compass writes times: `2014-08-17T12:45:01.220000+00:00`. */
export function formatTime(ms: number): string {
	const iso = new Date(ms).toISOString();
	return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000+00:00`;
}

/** A time query parameter, or a 400 naming it. */
export function queryTime(query: URLSearchParams, name: string): number | undefined {
	const raw = query.get(name);
	if (raw === null || raw === '') return undefined;
	const ms = parseTime(raw);
	if (ms === undefined) throw fieldError(name, 'Enter a valid time: ISO 8601 or seconds since the epoch.');
	return ms;
}

export function queryNumber(query: URLSearchParams, name: string, integer = false): number | undefined {
	const raw = query.get(name);
	if (raw === null || raw === '') return undefined;
	const n = parseNumber(raw);
	if (n === undefined || (integer && !Number.isInteger(n))) throw fieldError(name, integer ? 'A valid integer is required.' : 'A valid number is required.');
	return n;
}

export function queryBool(query: URLSearchParams, name: string): boolean | undefined {
	const raw = query.get(name);
	if (raw === null || raw === '') return undefined;
	const b = parseBool(raw);
	if (b === undefined) throw fieldError(name, 'Must be a valid boolean.');
	return b;
}

export interface Page<T> {
	count: number;
	next: string | null;
	previous: string | null;
	results: T[];
}

/** DRF's PageNumberPagination: `?page=N`, absolute next/previous links keeping the other parameters. */
export function paginate<T>(ctx: RequestContext, items: readonly T[], pageSize: number): Page<T> {
	const raw = ctx.query.get('page');
	const last = Math.max(1, Math.ceil(items.length / pageSize));
	const page = raw === null ? 1 : raw === 'last' ? last : Number(raw);
	if (!Number.isInteger(page) || page < 1 || page > last) throw notFound('Invalid page.');
	const link = (n: number) => {
		const url = new URL(`${origin(ctx)}${ctx.path}`);
		for (const [key, value] of ctx.query) if (key !== 'page') url.searchParams.append(key, value);
		if (n > 1) url.searchParams.set('page', String(n));
		return url.toString();
	};
	return {
		count: items.length,
		next: page < last ? link(page + 1) : null,
		previous: page > 1 ? link(page - 1) : null,
		results: items.slice((page - 1) * pageSize, page * pageSize),
	};
}

/** `http://<host>` of the request, for the absolute URLs DRF writes. */
export function origin(ctx: RequestContext): string {
	return `http://${ctx.req.headers.host ?? '127.0.0.1'}`;
}

export function toReplyError(error: unknown): DrfError | undefined {
	if (error instanceof DrfError) return error;
	if (error instanceof HttpError && error.status === 400) return new DrfError(400, { detail: error.message }, { ...error.headers });
	return undefined;
}
