import type { ClientEvents } from '../../clients/core';
import { LuminosoClient, LuminosoTokenAuth, type LuminosoCredentials } from '../../clients/luminoso';
import { axiosTransport, timerSleep } from '../shared/axiosTransport';
import type { ConnectionRegistry } from '../shared/connections';

/**
 * One LuminosoClient per connection name, sharing a keep-alive transport. With a username and
 * password the client logs in at POST /login/ and logs in again after a 401 (an expired or reset
 * token), so a token expiring in the middle of a job is renewed without the job noticing.
 */
export function luminosoClients(connections: ConnectionRegistry, events?: ClientEvents): (name: string) => LuminosoClient {
	const transport = axiosTransport();
	const cache = new Map<string, LuminosoClient>();
	return (name) => {
		let client = cache.get(name);
		if (!client) {
			const { baseUrl, username, password, token } = connections.luminoso(name);
			const credentials: LuminosoCredentials = username && password ? { username, password } : { token: token! };
			const auth = new LuminosoTokenAuth(baseUrl, transport, timerSleep, credentials, events);
			client = new LuminosoClient({ baseUrl, transport, sleep: timerSleep, auth, events });
			cache.set(name, client);
		}
		return client;
	};
}
