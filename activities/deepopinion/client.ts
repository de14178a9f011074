import type { ClientEvents } from '../../clients/core';
import { DeepOpinionClient, deepOpinionAuth, type DeepOpinionLogin } from '../../clients/deepopinion';
import { axiosTransport, timerSleep } from '../shared/axiosTransport';
import type { ConnectionRegistry } from '../shared/connections';

/** One DeepOpinionClient per connection name, sharing a keep-alive transport; logs in on first use and after a 401. */
export function deepOpinionClients(connections: ConnectionRegistry, events?: ClientEvents): (name: string) => DeepOpinionClient {
	const transport = axiosTransport();
	const cache = new Map<string, DeepOpinionClient>();
	return (name) => {
		let client = cache.get(name);
		if (!client) {
			const { baseUrl, email, password, token } = connections.deepopinion(name);
			const login: DeepOpinionLogin = token ? { token } : { email: email as string, password: password as string };
			client = new DeepOpinionClient({ baseUrl, transport, sleep: timerSleep, events, auth: deepOpinionAuth({ baseUrl, transport, sleep: timerSleep, events, login }) });
			cache.set(name, client);
		}
		return client;
	};
}
