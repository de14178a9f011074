import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { axiosTransport } from '../../activities/shared/axiosTransport';
import { encodeMultipart, encodeMultipartSource, HttpClient, type ByteSource } from '../../clients/core';

let server: http.Server;
let url: string;

beforeAll(async () => {
	// Answers with the exact bytes it received.
	server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => res.end(JSON.stringify({ received: Buffer.concat(chunks).toString('latin1') })));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('axiosTransport request bodies', () => {
	const send = (body: unknown) => axiosTransport()<{ received: string }>({ method: 'POST', url, body, headers: { 'Content-Type': 'application/octet-stream' } });

	test('a Uint8Array that views part of a larger buffer sends only its own bytes (axios alone sends the whole buffer)', async () => {
		const memory = Buffer.from('secret-before|PAYLOAD|secret-after');
		const view = new Uint8Array(memory.buffer, memory.byteOffset + 14, 7);
		expect((await send(view)).body.received).toBe('PAYLOAD');
	});

	test('plain Uint8Arrays, Buffers and strings arrive unchanged', async () => {
		expect((await send(new Uint8Array([104, 105]))).body.received).toBe('hi');
		expect((await send(Buffer.from('buffer'))).body.received).toBe('buffer');
		expect((await send('text')).body.received).toBe('text');
	});
});

describe('axiosTransport kept-alive sockets', () => {
	test('an idle socket is closed before the server\'s announced keep-alive timeout runs out, so the next request opens a new one', async () => {
		const keepAlive = http.createServer((req, res) => {
			req.resume();
			req.on('end', () => res.end('{}'));
		});
		// Announces "Keep-Alive: timeout=2" and closes idle sockets after 2 s.
		keepAlive.keepAliveTimeout = 2000;
		let connections = 0;
		keepAlive.on('connection', () => connections++);
		await new Promise<void>((resolve) => keepAlive.listen(0, '127.0.0.1', resolve));
		try {
			const target = `http://127.0.0.1:${(keepAlive.address() as AddressInfo).port}/`;
			const transport = axiosTransport();
			const post = () => transport({ method: 'POST', url: target, body: 'x', headers: { 'Content-Type': 'text/plain' } });
			await post();
			await post();
			expect(connections).toBe(1);
			// Past the client's idle limit (announced timeout minus a second), before the server's.
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect((await post()).status).toBe(200);
			expect(connections).toBe(2);
		} finally {
			keepAlive.closeAllConnections();
			await new Promise<void>((resolve) => keepAlive.close(() => resolve()));
		}
	});
});


describe('axiosTransport streamed bodies (ByteSource)', () => {
	/** A source over `bytes` in small chunks that counts its passes and notes when one was closed. */
	function fileLike(bytes: Uint8Array) {
		const source = {
			size: bytes.length,
			opened: 0,
			closed: 0,
			async *open() {
				source.opened++;
				try {
					for (let i = 0; i < bytes.length; i += 1000) yield bytes.slice(i, i + 1000);
				} finally {
					source.closed++;
				}
			},
		};
		return source;
	}

	test('a multipart body streamed from a source is sent with its Content-Length, and a retry resends it whole', async () => {
		const bytes = new Uint8Array(250_000).map((_, i) => (i * 31) % 251);
		const received: Array<{ body: Buffer; length?: string; chunked: boolean }> = [];
		// Reads every body, refuses the first request with a 429 (retried even for a non-idempotent
		// upload) and accepts the second.
		const server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				received.push({ body: Buffer.concat(chunks), length: req.headers['content-length'], chunked: req.headers['transfer-encoding'] === 'chunked' });
				res.writeHead(received.length === 1 ? 429 : 200, { 'Content-Type': 'application/json', 'Retry-After': '0' });
				res.end(JSON.stringify({ ok: received.length }));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const source = fileLike(bytes);
			const parts = [{ name: 'file', data: source as ByteSource, filename: 'big.csv', contentType: 'text/csv' }, { name: 'note', value: 'x' }];
			const { body, contentType } = await encodeMultipartSource(parts, { boundary: 'B0UND' });
			const client = new HttpClient({ name: 'test', errorMessage: () => undefined }, { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, transport: axiosTransport(), sleep: async () => {} });
			const answer = await client.call({ name: 'upload', method: 'POST', idempotent: false }, { path: '/upload', body, headers: { 'Content-Type': contentType } });
			expect(answer).toEqual({ ok: 2 });
			const expected = Buffer.from(encodeMultipart([{ ...parts[0], data: bytes }, parts[1]], { boundary: 'B0UND' }).body);
			expect(received).toHaveLength(2);
			for (const request of received) {
				expect(request.chunked).toBe(false);
				expect(request.length).toBe(String(expected.length));
				expect(request.body.equals(expected)).toBe(true);
			}
			// One pass for the boundary check, one per attempt; every pass was closed.
			expect(source.opened).toBe(3);
			expect(source.closed).toBe(3);
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});

	test('a request answered before its streamed body was read closes the source', async () => {
		// Answers 413 at once from the declared length, as a server with a body limit does.
		const server = http.createServer((req, res) => {
			res.writeHead(413, { Connection: 'close' });
			res.end('{"message":"too large"}');
			req.resume();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const source = fileLike(new Uint8Array(5_000_000));
			const response = await axiosTransport()({ method: 'POST', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, body: source, headers: { 'Content-Type': 'application/octet-stream' } });
			expect(response.status).toBe(413);
			await new Promise((resolve) => setImmediate(resolve));
			expect(source.opened).toBe(1);
			expect(source.closed).toBe(1);
		} finally {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
