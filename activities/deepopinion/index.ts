import type { ClientEvents } from '../../clients/core';
import type { ConnectionRegistry } from '../shared/connections';
import { withFailureTypes } from '../shared/failures';
import { awaitAnalysis, exportAnalysis, startAnalysis, type AwaitAnalysisInput, type ExportAnalysisInput, type StartAnalysisInput } from './batchAnalysis';
import { deepOpinionClients } from './client';
import { checkReviews, extractDocument, prepareHitl, releaseHitl, writeHitlResult, type CheckReviewsInput, type ExtractInput, type HitlResultInput, type PrepareHitlInput, type ReleaseHitlInput } from './hitl';
import { modelState, startTraining, type StartTrainingInput } from './training';
import { hitlWebhookSettingsFromEnv } from './webhook';

export type { AnalysisFile, AnalysisStatus, AwaitAnalysisInput, ExportAnalysisInput, ExportAnalysisResult, StartAnalysisInput, StartAnalysisResult } from './batchAnalysis';
export type { CheckReviewsInput, ExtractInput, ExtractSummary, HitlResultInput, PrepareHitlInput, PrepareHitlResult, PreviousWebhook, ReleaseHitlInput } from './hitl';
export type { ModelState, StartTrainingInput } from './training';

/**
 * DeepOpinion activities; platform credentials (and the HITL webhook secret) are resolved here, on
 * the worker, by connection name and from the environment.
 */
export function createDeepOpinionActivities(connections: ConnectionRegistry, events?: ClientEvents, env: NodeJS.ProcessEnv = process.env) {
	const client = deepOpinionClients(connections, events);
	// Read lazily: a worker without DeepOpinion settings still starts, and a bad setting fails the job clearly.
	const webhook = () => hitlWebhookSettingsFromEnv(env);
	return withFailureTypes({
		deepopinionStartAnalysis: (input: StartAnalysisInput) => startAnalysis(client(input.connection), input),
		deepopinionAwaitAnalysis: (input: AwaitAnalysisInput) => awaitAnalysis(client(input.connection), input),
		deepopinionExportAnalysis: (input: ExportAnalysisInput) => exportAnalysis(client(input.connection), input),
		deepopinionStartTraining: (input: StartTrainingInput) => startTraining(client(input.connection), input),
		deepopinionModelState: (input: { connection: string; projectId: number; modelId: number }) => modelState(client(input.connection), input.projectId, input.modelId),
		deepopinionPrepareHitl: (input: PrepareHitlInput) => prepareHitl(client(input.connection), webhook(), input),
		deepopinionExtract: (input: ExtractInput) => extractDocument(client(input.connection), input),
		deepopinionCheckReviews: (input: CheckReviewsInput) => checkReviews(client(input.connection), input),
		deepopinionWriteHitlResult: (input: HitlResultInput) => writeHitlResult(client(input.connection), input),
		deepopinionReleaseHitl: (input: ReleaseHitlInput) => releaseHitl(client(input.connection), webhook(), input),
	});
}

export type DeepOpinionActivities = ReturnType<typeof createDeepOpinionActivities>;
