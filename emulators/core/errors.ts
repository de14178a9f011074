import { STATUS_CODES } from 'node:http';

/** An error that becomes an HTTP response; the platform decides the body's shape. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Readonly<Record<string, string>> = {},
	) {
		super(message);
		this.name = 'HttpError';
	}
}

/** "404 Not Found", optionally followed by a detail: "404 Not Found: no source named x/y". */
export function statusLine(status: number, detail?: string): string {
	const line = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
	return detail ? `${line}: ${detail}` : line;
}

export function badRequest(message: string): HttpError {
	return new HttpError(400, message);
}

export function unauthorized(detail: string): HttpError {
	return new HttpError(401, statusLine(401, detail));
}

export function notFound(detail?: string): HttpError {
	return new HttpError(404, statusLine(404, detail));
}

export function conflict(message: string): HttpError {
	return new HttpError(409, message);
}
