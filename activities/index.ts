import type { ClientEvents } from '../clients/core';
import { createReinferActivities } from './reinfer';
import type { ConnectionRegistry } from './shared/connections';

/** All activities the worker registers, resolving platform credentials from `connections`. */
export function createActivities(connections: ConnectionRegistry, events?: ClientEvents) {
	return {
		...createReinferActivities(connections, events),
	};
}

export type Activities = ReturnType<typeof createActivities>;
