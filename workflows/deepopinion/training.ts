import { ApplicationFailure } from '@temporalio/common';
import { defineQuery, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { DeepOpinionActivities, ModelState } from '../../activities/deepopinion';
import type { Language } from '../../clients/deepopinion';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface DeepOpinionTrainingInput {
	connection: string;
	projectId: number;
	displayName: string;
	/** The labeling sessions to build the train and test sets from. */
	annotationIds: number[];
	/** Internal model name (default `textai-<job id>`); a model of the project with this name is reused. */
	name?: string;
	language?: Language;
	baseId?: number;
	/** Wait between status checks (ms, default 30 s). */
	pollIntervalMs?: number;
	/** Give up when the model is not READY after this long (ms, default 48 h). */
	timeoutMs?: number;
}

export interface DeepOpinionTrainingSummary extends ModelState {
	projectId: number;
	/** Every status seen, in order (CREATED, QUEUED, TRAINING, READY). */
	statuses: string[];
	durationMs: number;
	polls: number;
}

export const trainingProgress = defineQuery<{ modelId?: number; status?: string; progress?: number; statuses: string[] }>('progress');

const acts = proxyActivities<DeepOpinionActivities>({
	startToCloseTimeout: '5 minutes',
	retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20, nonRetryableErrorTypes: NON_RETRYABLE },
});

/** Train -> wait until the model is READY (or FAILED) -> summary with the model's metrics. Query `progress`. */
export async function deepopinionTraining(input: DeepOpinionTrainingInput): Promise<DeepOpinionTrainingSummary> {
	const startedAt = Date.now();
	const state: { modelId?: number; status?: string; progress?: number; statuses: string[] } = { statuses: [] };
	setHandler(trainingProgress, () => state);
	setJobState('running');
	const fail = (error: unknown): never => {
		setJobState('failed');
		throw error;
	};
	const see = (s: ModelState) => {
		Object.assign(state, { modelId: s.modelId, status: s.status, progress: s.progress });
		if (state.statuses.at(-1) !== s.status) state.statuses.push(s.status);
	};
	const started = await acts
		.deepopinionStartTraining({ connection: input.connection, projectId: input.projectId, displayName: input.displayName, name: input.name ?? `textai-${workflowInfo().workflowId}`, annotationIds: input.annotationIds, language: input.language, baseId: input.baseId })
		.catch(fail);
	see(started);
	const deadline = startedAt + (input.timeoutMs ?? 48 * 3_600_000);
	let current: ModelState = started;
	let polls = 0;
	while (current.status !== 'READY' && current.status !== 'ACTIVE' && current.status !== 'PUBLISHED') {
		if (current.status === 'FAILED') fail(ApplicationFailure.nonRetryable(`DeepOpinion model ${current.modelId} failed to train`, 'TrainingFailed', { modelId: current.modelId, statuses: state.statuses }));
		if (Date.now() >= deadline) fail(ApplicationFailure.nonRetryable(`DeepOpinion model ${current.modelId} is not ready in time (status ${current.status})`, 'TrainingTimeout', { modelId: current.modelId }));
		await sleep(Math.min(input.pollIntervalMs ?? 30_000, Math.max(1, deadline - Date.now())));
		current = await acts.deepopinionModelState({ connection: input.connection, projectId: input.projectId, modelId: started.modelId }).catch(fail);
		polls++;
		see(current);
	}
	setJobState('completed');
	return { ...current, projectId: input.projectId, statuses: state.statuses, durationMs: Date.now() - startedAt, polls };
}
