import type { RetryPolicy } from '@temporalio/common';
import { defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import type { PrimerActivities } from '../../activities/primer';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface PrimerDeployAndWaitInput {
	connection: string;
	modelId: string;
	/** Text sent to check that the model answers (default "Automate deployment check"). */
	probeText?: string;
	pollIntervalMs?: number;
	maxPollIntervalMs?: number;
	/** How long the deployment may take (default 1 hour). */
	maxWaitMs?: number;
}

export interface PrimerDeployAndWaitResult {
	modelId: string;
	statusMessage: string;
	modelType: string;
	probes: number;
	waitedMs: number;
}

export const primerDeployProgress = defineQuery<{ stage: 'deploying' | 'waiting' | 'serving' | 'failed' }>('progress');

/** Deploys the latest version of a model and returns once it serves predictions. */
export async function primerDeployAndWait(input: PrimerDeployAndWaitInput): Promise<PrimerDeployAndWaitResult> {
	const progress: { stage: 'deploying' | 'waiting' | 'serving' | 'failed' } = { stage: 'deploying' };
	setHandler(primerDeployProgress, () => progress);
	setJobState('running');
	const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20, nonRetryableErrorTypes: NON_RETRYABLE };
	const { primerDeployModel } = proxyActivities<PrimerActivities>({ startToCloseTimeout: '5 minutes', retry });
	const { primerWaitUntilServing } = proxyActivities<PrimerActivities>({
		startToCloseTimeout: input.maxWaitMs ?? 3_600_000,
		heartbeatTimeout: Math.max(60_000, 3 * (input.maxPollIntervalMs ?? 30_000)),
		retry,
	});
	try {
		const deployed = await primerDeployModel({ connection: input.connection, modelId: input.modelId });
		progress.stage = 'waiting';
		setJobState('waiting');
		const serving = await primerWaitUntilServing({
			connection: input.connection,
			modelId: input.modelId,
			probeText: input.probeText,
			pollIntervalMs: input.pollIntervalMs,
			maxPollIntervalMs: input.maxPollIntervalMs,
		});
		progress.stage = 'serving';
		setJobState('completed');
		return { modelId: input.modelId, statusMessage: deployed.status_message, modelType: serving.modelType, probes: serving.probes, waitedMs: serving.waitedMs };
	} catch (error) {
		progress.stage = 'failed';
		setJobState('failed');
		throw error;
	}
}
