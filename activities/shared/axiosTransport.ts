import axios, { type AxiosInstance } from 'axios';
import http from 'node:http';
import https from 'node:https';
import { lowerCaseHeaders, NetworkError, type HttpRequest, type HttpResponse, type Sleep, type Transport } from '../../clients/core';

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
		const isBytes = request.body instanceof Uint8Array || typeof request.body === 'string';
		try {
			const response = await instance.request({
				method: request.method,
				url: request.url,
				headers: { Accept: 'application/json', ...(request.body !== undefined && !isBytes ? { 'Content-Type': 'application/json' } : {}), ...request.headers },
				// Bytes as a Buffer over the same memory: axios copies any other Uint8Array (and sends
				// its whole underlying ArrayBuffer, ignoring the view's offset and length).
				data: request.body instanceof Uint8Array && !Buffer.isBuffer(request.body) ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength) : request.body,
				responseType: request.responseType ?? 'json',
				timeout: request.timeoutMs,
			});
			return { status: response.status, headers: lowerCaseHeaders(response.headers as Record<string, unknown>), body: response.data as T };
		} catch (error) {
			throw NetworkError.fromCause(error);
		}
	};
}

export const timerSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
