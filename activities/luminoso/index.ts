import type { ClientEvents } from '../../clients/core';
import type { ClassifierCreate } from '../../clients/luminoso';
import type { ConnectionRegistry } from '../shared/connections';
import { withFailureTypes } from '../shared/failures';
import { awaitClassifier, ensureClassifier, type AwaitClassifierInput } from './classifier';
import { classifySegment, newestMessageId, resultsToXlsx, type ClassifySegmentInput } from './classify';
import { luminosoClients } from './client';
import { documentCount, uploadSegment, type UploadSegmentInput } from './upload';

export type { AwaitClassifierInput, AwaitClassifierResult, ClassifierState } from './classifier';
export type { ClassifyCounts, ClassifyMode, ClassifySegmentInput, ClassifySegmentResult, MessageMapping } from './classify';
export type { DocumentMapping, UploadCounts, UploadSegmentInput, UploadSegmentResult } from './upload';

/** Luminoso Compass activities; credentials are resolved here, on the worker, by connection name. */
export function createLuminosoActivities(connections: ConnectionRegistry, events?: ClientEvents) {
	const client = luminosoClients(connections, events);
	return withFailureTypes({
		luminosoUploadDocuments: (input: UploadSegmentInput) => uploadSegment(client(input.connection), input),
		luminosoDocumentCount: (input: { connection: string; project: string }) => documentCount(client(input.connection), input.project),
		luminosoEnsureClassifier: (input: { connection: string; project: string; classifier: ClassifierCreate }) => ensureClassifier(client(input.connection), input),
		luminosoAwaitClassifier: (input: AwaitClassifierInput) => awaitClassifier(client(input.connection), input),
		luminosoNewestMessageId: (input: { connection: string; project: string }) => newestMessageId(client(input.connection), input.project),
		luminosoClassifySegment: (input: ClassifySegmentInput) => classifySegment(client(input.connection), input),
		luminosoResultsToXlsx: (input: { jsonlPath: string; xlsxPath: string }) => resultsToXlsx(input.jsonlPath, input.xlsxPath),
	});
}

export type LuminosoActivities = ReturnType<typeof createLuminosoActivities>;
