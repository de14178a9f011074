import axios, { type AxiosInstance } from 'axios';
import http from 'node:http';
import https from 'node:https';
import { lowerCaseHeaders, NetworkError, type HttpRequest, type HttpResponse, type Sleep, type Transport } from '../../clients/core';

/**
 * The shared clients' transport outside n8n (Temporal activities, CLI tools, benchmarks).
 * Keep-alive connection pools; every HTTP status is returned to the client layer, which owns
 * retries and typed errors. Only a missing response rejects, as a NetworkError.
 */
export function axiosTransport(options: { timeoutMs?: number; maxSockets?: number } = {}): Transport {
	const instance: AxiosInstance = axios.create({
		httpAgent: new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 }),
		httpsAgent: new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 }),
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
				data: request.body,
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
