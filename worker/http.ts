/**
 * Small HTTP pieces shared by the worker's endpoints (job-start webhook, platform callback
 * receivers): a typed problem, a JSON answer, a bounded body reader.
 */
import type { Client } from '@temporalio/client';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectClient } from '../temporal/client';
import type { TemporalSettings } from '../temporal/config';

/** An error that becomes an HTTP answer `{ "error": message, ...extra }`. */
export class HttpProblem extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {},
		readonly extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

/** Answers with a JSON body (no-store), unless an answer was already sent. */
export function send(res: http.ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
	if (res.headersSent) return;
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
	res.end(text);
}

/** Reads the request body, refusing more than `limit` bytes (413) without buffering the excess. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
	const declared = req.headers['content-length'];
	if (declared !== undefined && Number(declared) > limit) return Promise.reject(new HttpProblem(413, `request body is larger than ${limit} bytes`));
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				reject(new HttpProblem(413, `request body is larger than ${limit} bytes`));
				req.pause();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Sends an HttpProblem; a body that was refused unread closes the connection instead of being drained. */
export function sendProblem(req: http.IncomingMessage, res: http.ServerResponse, problem: HttpProblem): void {
	const headers = req.complete ? problem.headers : { ...problem.headers, Connection: 'close' };
	send(res, problem.status, { error: problem.message, ...problem.extra }, headers);
	if (!req.complete) res.once('finish', () => req.destroy());
}

/** The request body parsed as JSON (400 when it is not JSON). */
export async function readJson(req: http.IncomingMessage, limit: number, what = 'the body'): Promise<unknown> {
	const raw = await readBody(req, limit);
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new HttpProblem(400, `${what} is not valid JSON`);
	}
}

/**
 * Turns an async handler into a request listener: an HttpProblem becomes its answer; anything
 * else (Temporal unreachable, ...) is reported through `onUnexpected`, which answers.
 */
export function problemAware(
	handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
	onUnexpected: (res: http.ServerResponse, message: string) => void,
): http.RequestListener {
	return (req, res) => {
		handle(req, res).catch((error: unknown) => {
			if (error instanceof HttpProblem) {
				// A refused body is not read: the connection is closed instead of drained.
				sendProblem(req, res, error);
				return;
			}
			onUnexpected(res, error instanceof Error ? error.message : String(error));
		});
	};
}

export interface ListeningServer {
	url: string;
	port: number;
	server: http.Server;
	close(): Promise<void>;
}

/** Serves `handler` on host:port (port 0 = a free port; host defaults to 127.0.0.1), with bounded timeouts. */
export async function listen(handler: http.RequestListener, at: { port: number; host?: string }): Promise<ListeningServer> {
	const server = http.createServer(handler);
	server.requestTimeout = 30_000;
	server.headersTimeout = 10_000;
	const host = at.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(at.port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		port,
		server,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeIdleConnections();
			}),
	};
}

/**
 * Starts an endpoint with a Temporal client of its own (the worker's settings, payload encryption
 * included); closing the endpoint closes the client, and so does a failed start.
 */
export async function withOwnClient<T extends { close(): Promise<void> }>(settings: TemporalSettings, start: (client: Client) => Promise<T>): Promise<T> {
	const { client, close: closeClient } = await connectClient(settings);
	try {
		const endpoint = await start(client);
		return {
			...endpoint,
			close: async () => {
				await endpoint.close();
				await closeClient();
			},
		};
	} catch (error) {
		await closeClient();
		throw error;
	}
}
