import type { ClientEvents } from '../../clients/core';
import type { ConnectionRegistry } from '../shared/connections';
import { withFailureTypes } from '../shared/failures';
import { heartbeating } from '../shared/heartbeating';
import { callbackSettingsFromEnv } from './callback';
import { apresClients } from './client';
import { createTaskBatch, fetchResults, summarize, taskBatchWatermark, type CreateTaskBatchInput, type FetchResultsInput } from './taskBatch';

export type { ApresCallbackSettings } from './callback';
export type { ApresJobSource, AzureBlobSource, CreateTaskBatchInput, CreateTaskBatchResult, FetchResultsInput, FetchResultsResult, ResultsFormat, TaskBatchSummary, TaskBatchWatermark } from './taskBatch';

/**
 * Apres activities. Credentials (the recipe API key, an Azure SAS token) and the callback secret
 * are resolved here, on the worker; workflow inputs and results carry ids, states and paths only.
 */
export function createApresActivities(connections: ConnectionRegistry, events?: ClientEvents, env: NodeJS.ProcessEnv = process.env) {
	const client = apresClients(connections, events);
	const callbacks = callbackSettingsFromEnv(env);
	return withFailureTypes({
		apresCreateTaskBatch: (input: CreateTaskBatchInput) => createTaskBatch(client(input.connection), callbacks, connections.apres(input.connection).sasToken, input),
		apresTaskBatchWatermark: (input: { connection: string }) => taskBatchWatermark(client(input.connection)),
		apresGetTaskBatch: async (input: { connection: string; taskBatchId: string }) => summarize(await heartbeating(() => client(input.connection).getTaskBatch(input.taskBatchId))),
		apresFetchTaskBatchResults: (input: FetchResultsInput) => fetchResults(client(input.connection), input),
	});
}

export type ApresActivities = ReturnType<typeof createApresActivities>;
