import type { ClientEvents } from '../../clients/core';
import type { ConnectionRegistry } from '../shared/connections';
import { withFailureTypes } from '../shared/failures';
import { reinferClients } from './client';
import { jsonlToXlsx, predictSegment, type PredictSegmentInput } from './predict';
import { fetchAndDeliver, type FetchAndDeliverInput } from './stream';
import { syncSegment, type SyncSegmentInput } from './sync';

export type { PredictSegmentInput, PredictSegmentResult, UidSource } from './predict';
export type { FetchAndDeliverInput, FetchAndDeliverResult, StreamSink } from './stream';
export type { SyncCounts, SyncSegmentInput, SyncSegmentResult } from './sync';

/** re:infer activities; platform credentials are resolved here, on the worker, by connection name. */
export function createReinferActivities(connections: ConnectionRegistry, events?: ClientEvents) {
	const client = reinferClients(connections, events);
	return withFailureTypes({
		reinferSyncSegment: (input: SyncSegmentInput) => syncSegment(client(input.connection), input),
		reinferPredictSegment: (input: PredictSegmentInput) => predictSegment(client(input.connection), input),
		reinferResultsToXlsx: (input: { jsonlPath: string; xlsxPath: string }) => jsonlToXlsx(input.jsonlPath, input.xlsxPath),
		reinferFetchAndDeliver: (input: FetchAndDeliverInput) => fetchAndDeliver(client(input.connection), (name) => connections.sink(name), input),
		reinferAdvanceTrigger: async (input: { connection: string; owner: string; dataset: string; trigger: string; sequenceId: string }) =>
			client(input.connection).advanceTrigger(input.owner, input.dataset, input.trigger, input.sequenceId),
	});
}

export type ReinferActivities = ReturnType<typeof createReinferActivities>;
