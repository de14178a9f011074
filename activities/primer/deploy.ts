import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError } from '../../clients/core';
import type { PrimerClient } from '../../clients/primer';

export interface WaitUntilServingInput {
	connection: string;
	modelId: string;
	/** The text sent to check that the model answers (default "Automate deployment check"). */
	probeText?: string;
	pollIntervalMs?: number;
	maxPollIntervalMs?: number;
}

export interface WaitUntilServingResult {
	probes: number;
	waitedMs: number;
	modelType: string;
}

/**
 * There is no deployment status call: a model serves when a prediction succeeds. Probes with a
 * short text, heartbeating and sleeping (cancellably, with backoff) while the platform answers
 * "not deployed yet" (409/503/5xx). A deployment the platform reports as failed stops the job.
 */
export async function waitUntilServing(probe: PrimerClient, input: WaitUntilServingInput): Promise<WaitUntilServingResult> {
	const ctx = Context.current();
	const started = Date.now();
	let interval = Math.max(10, input.pollIntervalMs ?? 2_000);
	const max = Math.max(interval, input.maxPollIntervalMs ?? 30_000);
	for (let probes = 1; ; probes++) {
		const outcome = await probe.predict(input.modelId, input.probeText || 'Automate deployment check').then(
			(prediction) => ({ prediction }),
			(error: unknown) => ({ error }),
		);
		if ('prediction' in outcome) return { probes, waitedMs: Date.now() - started, modelType: String(outcome.prediction.model_type) };
		const error = outcome.error;
		if (!(error instanceof ApiError) || !(error.status === 409 || error.status === 404 || error.retryable)) throw error;
		if (error.status === 404) throw ApplicationFailure.nonRetryable(error.message, 'ApiError');
		if (/fail/i.test(error.platformMessage ?? '')) {
			throw ApplicationFailure.nonRetryable(`Primer Automate could not deploy model ${input.modelId}: ${error.platformMessage}`, 'DeploymentFailed', { status: error.status });
		}
		ctx.heartbeat({ probes, status: error.status });
		await ctx.sleep(interval);
		interval = Math.min(max, Math.round(interval * 1.5));
	}
}
