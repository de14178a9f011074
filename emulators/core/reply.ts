import type { ServerResponse } from 'node:http';

/** A handler's response when the default (200, JSON body) does not fit. */
export class Reply {
	constructor(
		readonly status: number,
		readonly body?: unknown,
		readonly headers: Readonly<Record<string, string>> = {},
	) {}
}

export function reply(status: number, body?: unknown, headers?: Record<string, string>): Reply {
	return new Reply(status, body, headers);
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Readonly<Record<string, string>> = {},
): void {
	if (res.headersSent || res.destroyed) return;
	if (body === undefined) {
		res.writeHead(status, headers).end();
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(status, {
		...headers,
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}
