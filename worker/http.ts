/**
 * Small HTTP pieces shared by the worker's endpoints (job-start webhook, platform callback
 * receivers): a typed problem, a JSON answer, a bounded body reader.
 */
import type http from 'node:http';

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
