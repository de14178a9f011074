import { ApresClient } from '../../clients/apres';
import type { ClientEvents } from '../../clients/core';
import { bufferErrorStreams } from '../primer/client';
import { axiosTransport, timerSleep } from '../shared/axiosTransport';
import type { ConnectionRegistry } from '../shared/connections';

/** One ApresClient per connection name (one recipe each), sharing a keep-alive transport. */
export function apresClients(connections: ConnectionRegistry, events?: ClientEvents): (name: string) => ApresClient {
	// Task lists are streamed to disk (fetchResults); an error answer's body is read for the error.
	const transport = bufferErrorStreams(axiosTransport());
	const cache = new Map<string, ApresClient>();
	return (name) => {
		let client = cache.get(name);
		if (!client) {
			const { baseUrl, apiKey, sasToken } = connections.apres(name);
			client = new ApresClient({
				baseUrl,
				transport,
				sleep: timerSleep,
				// Apres takes the bare recipe API key, no scheme.
				auth: { headers: async () => ({ Authorization: apiKey }), secrets: () => [apiKey, ...(sasToken ? [sasToken] : [])] },
				events,
			});
			cache.set(name, client);
		}
		return client;
	};
}
