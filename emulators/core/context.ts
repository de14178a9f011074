import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, badRequest } from './errors';

/** Everything a route handler gets about its request. */
export interface RequestContext {
	readonly req: IncomingMessage;
	readonly res: ServerResponse;
	readonly method: string;
	/** The raw (not URI-decoded) path without the query string, e.g. `/api/v1/sources/id:ab12`. */
	readonly path: string;
	readonly query: URLSearchParams;
	/** Values of the route pattern's parameters, URI-decoded. */
	readonly params: Readonly<Record<string, string>>;
	/** Who the platform's auth hook says is calling (undefined on public routes). */
	principal: string | undefined;
	/** The raw request body (for multipart and other non-JSON bodies), read once and cached. */
	rawBody(): Promise<Buffer>;
	/** The body parsed as JSON; `undefined` when the body is empty. Invalid JSON -> 400. */
	jsonBody(): Promise<unknown>;
}

export const DEFAULT_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

export function createContext(
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	params: Record<string, string>,
	bodyLimitBytes: number,
): RequestContext {
	let body: Promise<Buffer> | undefined;
	const rawBody = (): Promise<Buffer> => (body ??= readBody(req, bodyLimitBytes));
	return {
		req,
		res,
		method: req.method ?? 'GET',
		path: url.pathname,
		query: url.searchParams,
		params,
		principal: undefined,
		rawBody,
		async jsonBody() {
			const buffer = await rawBody();
			if (buffer.length === 0) return undefined;
			try {
				return JSON.parse(buffer.toString('utf8')) as unknown;
			} catch (error) {
				throw badRequest(`invalid JSON body: ${(error as Error).message}`);
			}
		},
	};
}

function payloadTooLarge(limit: number): HttpError {
	return new HttpError(413, `413 Payload Too Large: request body exceeds ${limit} bytes`, {
		connection: 'close',
	});
}

/** Reads the whole body; beyond `limit` bytes it keeps draining (so the client sees the 413) but stores nothing. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) return Promise.reject(payloadTooLarge(limit));
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let total = 0;
		req.on('data', (chunk: Buffer) => {
			total += chunk.length;
			if (total <= limit) chunks.push(chunk);
			else chunks.length = 0;
		});
		req.on('end', () => (total > limit ? reject(payloadTooLarge(limit)) : resolve(Buffer.concat(chunks, total))));
		req.on('error', reject);
	});
}
