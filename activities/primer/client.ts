import type { Readable } from 'node:stream';
import type { AuthProvider, ClientEvents, HttpRequest, HttpResponse, Transport } from '../../clients/core';
import { PrimerClient, PrimerLoginAuth, primerTokenAuth } from '../../clients/primer';
import { axiosTransport, timerSleep } from '../shared/axiosTransport';
import type { ConnectionRegistry } from '../shared/connections';

function isReadable(value: unknown): value is Readable {
	return !!value && typeof (value as Readable).pipe === 'function' && typeof (value as Readable).on === 'function';
}

/**
 * A streamed response body is handed on only for 2xx statuses; an error body is read (it is small)
 * so that the client layer can type and report it, and the connection is freed.
 */
export function bufferErrorStreams(transport: Transport): Transport {
	return async <T>(request: HttpRequest): Promise<HttpResponse<T>> => {
		const response = await transport<T>(request);
		if (response.status >= 200 && response.status < 300) return response;
		if (!isReadable(response.body)) return response;
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of response.body as AsyncIterable<Buffer>) {
			if (size < 64 * 1024) chunks.push(Buffer.from(chunk));
			size += chunk.length;
		}
		return { ...response, body: Buffer.concat(chunks) as unknown as T };
	};
}

export interface PrimerConnectionClient {
	client: PrimerClient;
	/** The same, without its own retries: for probes whose caller polls anyway. */
	probe: PrimerClient;
	auth: AuthProvider;
}

/** One PrimerClient per connection name, sharing a keep-alive transport and one login per connection. */
export function primerClients(connections: ConnectionRegistry, events?: ClientEvents): (name: string) => PrimerConnectionClient {
	const transport = bufferErrorStreams(axiosTransport({ timeoutMs: 300_000 }));
	const cache = new Map<string, PrimerConnectionClient>();
	return (name) => {
		let entry = cache.get(name);
		if (!entry) {
			const connection = connections.primer(name);
			const auth: AuthProvider = connection.token
				? primerTokenAuth(connection.token)
				: new PrimerLoginAuth({ ssoUrl: connection.ssoUrl, username: connection.username!, password: connection.password!, transport, sleep: timerSleep, events });
			const base = { baseUrl: connection.baseUrl, transport, sleep: timerSleep, auth, events };
			entry = { client: new PrimerClient(base), probe: new PrimerClient({ ...base, retry: { maxAttempts: 1 } }), auth };
			cache.set(name, entry);
		}
		return entry;
	};
}
