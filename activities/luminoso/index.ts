import type { ClientEvents } from '../../clients/core';
import type { ClassifierCreate } from '../../clients/luminoso';
import type { ConnectionRegistry } from '../shared/connections';
import { withFailureTypes } from '../shared/failures';
import { classifierState, ensureClassifier } from './classifier';
import { classifySegment, newestMessageId, resultsToXlsx, type ClassifySegmentInput } from './classify';
import { luminosoClients } from './client';
import { uploadSegment, type UploadSegmentInput } from './upload';

export type { ClassifierState } from './classifier';
export type { ClassifyCounts, ClassifyMode, ClassifySegmentInput, ClassifySegmentResult, MessageMapping } from './classify';
export type { DocumentMapping, UploadCounts, UploadSegmentInput, UploadSegmentResult } from './upload';

/** Luminoso Compass activities; credentials are resolved here, on the worker, by connection name. */
export function createLuminosoActivities(connections: ConnectionRegistry, events?: ClientEvents) {
	const client = luminosoClients(connections, events);
	return withFailureTypes({
		luminosoUploadDocuments: (input: UploadSegmentInput) => uploadSegment(client(input.connection), input),
		luminosoEnsureClassifier: (input: { connection: string; project: string; classifier: ClassifierCreate }) => ensureClassifier(client(input.connection), input),
		luminosoClassifierState: (input: { connection: string; project: string; classifierId: number | string }) => classifierState(client(input.connection), input),
		luminosoNewestMessageId: (input: { connection: string; project: string }) => newestMessageId(client(input.connection), input.project),
		luminosoClassifySegment: (input: ClassifySegmentInput) => classifySegment(client(input.connection), input),
		luminosoResultsToXlsx: (input: { jsonlPath: string; xlsxPath: string }) => resultsToXlsx(input.jsonlPath, input.xlsxPath),
	});
}

export type LuminosoActivities = ReturnType<typeof createLuminosoActivities>;
