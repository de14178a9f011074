import type { ClientEvents } from '../clients/core';
import { createApresActivities } from './apres';
import { createDeepOpinionActivities } from './deepopinion';
import { createReinferActivities } from './reinfer';
import { createLuminosoActivities } from './luminoso';
import { createPrimerActivities } from './primer';
import type { ConnectionRegistry } from './shared/connections';

/** All activities the worker registers, resolving platform credentials from `connections`. */
export function createActivities(connections: ConnectionRegistry, events?: ClientEvents) {
	return {
		...createReinferActivities(connections, events),
		...createLuminosoActivities(connections, events),
		...createPrimerActivities(connections, events),
		...createApresActivities(connections, events),
		...createDeepOpinionActivities(connections, events),
	};
}

export type Activities = ReturnType<typeof createActivities>;
