import type { ClientEvents } from '../../clients/core';
import type { ConnectionRegistry } from '../shared/connections';
import { withFailureTypes } from '../shared/failures';
import { primerClients } from './client';
import { heartbeating } from '../shared/heartbeating';
import { waitUntilServing, type WaitUntilServingInput } from './deploy';
import { downloadPredictions, waitForPredictions, type DownloadPredictionsInput, type WaitForPredictionsInput } from './predictions';
import { checkJob, uploadFile, type CheckJobInput, type UploadFileInput } from './upload';

export type { PrimerColumns } from './documents';
export type { WaitUntilServingInput, WaitUntilServingResult } from './deploy';
export type { DownloadPredictionsInput, DownloadPredictionsResult, WaitForPredictionsInput, WaitForPredictionsResult } from './predictions';
export type { CheckJobInput, CheckJobResult, InvalidRowPolicy, UploadFileInput, UploadFileResult } from './upload';

/** Primer Automate activities; the connection (login or token) is resolved here, on the worker. */
export function createPrimerActivities(connections: ConnectionRegistry, events?: ClientEvents) {
	const clients = primerClients(connections, events);
	return withFailureTypes({
		primerCheckJob: (input: CheckJobInput) => checkJob(clients(input.connection).client, input),
		primerUploadFile: (input: UploadFileInput) => uploadFile(clients(input.connection).client, input),
		primerRequestPredictions: async (input: { connection: string; datasetId: string; modelId: string }) => ({
			requestPredictionsId: (await heartbeating(() => clients(input.connection).client.requestBulkPredictions(input.datasetId, input.modelId), () => ({ stage: 'request' }))).request_predictions_id,
		}),
		primerWaitForPredictions: (input: WaitForPredictionsInput) => waitForPredictions(clients(input.connection).client, input),
		primerDownloadPredictions: (input: DownloadPredictionsInput) => downloadPredictions(clients(input.connection).client, input),
		primerDeployModel: async (input: { connection: string; modelId: string }) => clients(input.connection).client.deployModel(input.modelId),
		primerWaitUntilServing: (input: WaitUntilServingInput) => waitUntilServing(clients(input.connection).probe, input),
	});
}

export type PrimerActivities = ReturnType<typeof createPrimerActivities>;
