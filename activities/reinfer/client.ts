import { ReinferClient } from '../../clients/reinfer';
import type { ClientEvents } from '../../clients/core';
import { axiosTransport, timerSleep } from '../shared/axiosTransport';
import type { ConnectionRegistry } from '../shared/connections';

/** One ReinferClient per connection name, sharing a keep-alive transport. */
export function reinferClients(connections: ConnectionRegistry, events?: ClientEvents): (name: string) => ReinferClient {
	const transport = axiosTransport();
	const cache = new Map<string, ReinferClient>();
	return (name) => {
		let client = cache.get(name);
		if (!client) {
			const { baseUrl, token } = connections.reinfer(name);
			client = new ReinferClient({ baseUrl, transport, sleep: timerSleep, auth: { headers: async () => ({ 'X-Auth-Token': token }), secrets: () => [token] }, events });
			cache.set(name, client);
		}
		return client;
	};
}
