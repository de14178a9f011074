import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { axiosTransport } from '../../activities/shared/axiosTransport';

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

