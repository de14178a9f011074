import axios, { type AxiosInstance } from 'axios';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { isByteSource, lowerCaseHeaders, NetworkError, type HttpRequest, type HttpResponse, type Sleep, type Transport } from '../../clients/core';

/**
 * The shared clients' transport outside n8n (Temporal activities, CLI tools, benchmarks).
 * Keep-alive connection pools; every HTTP status is returned to the client layer, which owns
 * retries and typed errors. Only a missing response rejects, as a NetworkError.
 */
/** Idle kept-alive sockets are closed after this long, or sooner when the server says so. */
const IDLE_SOCKET_TIMEOUT_MS = 30_000;

export function axiosTransport(options: { timeoutMs?: number; maxSockets?: number } = {}): Transport {
	// An idle timeout makes Node close a kept-alive socket before the server's announced
	// `Keep-Alive: timeout=N` runs out (without one it ignores the hint, and a request sent as the
	// server closes the socket fails with ECONNRESET, which a POST cannot safely retry).
	const agent = { keepAlive: true, maxSockets: options.maxSockets ?? 16, timeout: IDLE_SOCKET_TIMEOUT_MS };
	const instance: AxiosInstance = axios.create({
		httpAgent: new http.Agent(agent),
		httpsAgent: new https.Agent(agent),
		timeout: options.timeoutMs ?? 120_000,
		validateStatus: () => true,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		// The client layer owns retries; never follow a redirect to another host with credentials.
		maxRedirects: 0,
	});
	return async <T>(request: HttpRequest): Promise<HttpResponse<T>> => {
		const source = isByteSource(request.body) ? request.body : undefined;
		const isBytes = source !== undefined || request.body instanceof Uint8Array || typeof request.body === 'string';
		// A fresh pass over the source per attempt: a retried request resends it from the start.
		const stream = source ? Readable.from(source.open(), { objectMode: false }) : undefined;
		try {
			const response = await instance.request({
				method: request.method,
				url: request.url,
				headers: {
					Accept: 'application/json',
					...(request.body !== undefined && !isBytes ? { 'Content-Type': 'application/json' } : {}),
					// axios announces no length for a stream (it would send it chunked); the source knows its size.
					...(source ? { 'Content-Length': String(source.size) } : {}),
					...request.headers,
				},
				data: stream ?? bytesBody(request.body),
				responseType: request.responseType ?? 'json',
				timeout: request.timeoutMs,
			});
			return { status: response.status, headers: lowerCaseHeaders(response.headers as Record<string, unknown>), body: response.data as T };
		} catch (error) {
			throw NetworkError.fromCause(error);
		} finally {
			// A request that failed, or was answered before its body was read (a 413), leaves the
			// stream unfinished: closing it closes the file behind the source now, not at GC.
			stream?.destroy();
		}
	};
}

/**
 * Bytes as a Buffer over the same memory: axios copies any other Uint8Array (and sends its whole
 * underlying ArrayBuffer, ignoring the view's offset and length). Other bodies pass unchanged.
 */
function bytesBody(body: unknown): unknown {
	return body instanceof Uint8Array && !Buffer.isBuffer(body) ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : body;
}

export const timerSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
