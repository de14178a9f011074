import { ActivityFailure, condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ReinferActivities, StreamSink } from '../../activities/reinfer';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface ReinferStreamConsumerInput {
	connection: string;
	owner: string;
	dataset: string;
	trigger: string;
	sink: StreamSink;
	/** Comments per fetch (1..1024). */
	batchSize?: number;
	/** Wait after an empty fetch, doubling up to `idleMaxMs`. */
	idleInitialMs?: number;
	idleMaxMs?: number;
	/** Wait after a failed delivery before trying the same batch again. */
	errorBackoffMs?: number;
	/** Stop by itself once the stream is empty (for one-off drains, e.g. the demo). */
	stopWhenIdle?: boolean;
	/** Continue as new after this many batches even if Temporal does not suggest it yet. */
	batchesPerRun?: number;
	progress?: StreamProgress;
}

export interface StreamProgress {
	delivered: number;
	batches: number;
	lastSequenceId?: string;
	lastUid?: string;
	errors: number;
	lastError?: string;
	paused: boolean;
	stopped: boolean;
	runs: number;
}

export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
export const stopSignal = defineSignal('stop');
export const streamProgress = defineQuery<StreamProgress>('progress');

const { reinferFetchAndDeliver } = proxyActivities<ReinferActivities>({
	startToCloseTimeout: '5 minutes',
	retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});
const { reinferAdvanceTrigger } = proxyActivities<ReinferActivities>({
	startToCloseTimeout: '1 minute',
	// Advancing to the same sequence id again is harmless, so this may retry for as long as it takes.
	retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['ValidationError', 'ConfigurationError'] },
});

/**
 * Consumes a re:infer trigger for as long as it runs: fetch -> deliver to the sink -> advance,
 * and only advance once the sink acknowledged, so no comment is skipped. Empty fetches back off;
 * failed deliveries are counted and retried with the position unchanged. Signals pause, resume and
 * stop it; the `progress` query reports what it delivered.
 */
export async function reinferStreamConsumer(input: ReinferStreamConsumerInput): Promise<StreamProgress> {
	const progress: StreamProgress = input.progress
		? { ...input.progress, runs: input.progress.runs + 1 }
		: { delivered: 0, batches: 0, errors: 0, paused: false, stopped: false, runs: 1 };
	setHandler(streamProgress, () => progress);
	setHandler(pauseSignal, () => {
		progress.paused = true;
		setJobState('paused');
	});
	setHandler(resumeSignal, () => {
		progress.paused = false;
		setJobState('running');
	});
	setHandler(stopSignal, () => {
		progress.stopped = true;
	});
	setJobState(progress.paused ? 'paused' : 'running');

	const idleInitial = input.idleInitialMs ?? 1_000;
	const idleMax = input.idleMaxMs ?? 60_000;
	let idle = idleInitial;
	for (let inThisRun = 0; !progress.stopped; inThisRun++) {
		await condition(() => !progress.paused || progress.stopped);
		if (progress.stopped) break;
		if (inThisRun >= (input.batchesPerRun ?? 500) || workflowInfo().continueAsNewSuggested) {
			await continueAsNew<typeof reinferStreamConsumer>({ ...input, progress });
		}
		let sequenceId: string | undefined;
		try {
			const result = await reinferFetchAndDeliver({ connection: input.connection, owner: input.owner, dataset: input.dataset, trigger: input.trigger, size: input.batchSize ?? 256, sink: input.sink });
			if (result.sequenceId === undefined) {
				if (input.stopWhenIdle) break;
				await condition(() => progress.stopped, idle);
				idle = Math.min(idle * 2, idleMax);
				continue;
			}
			sequenceId = result.sequenceId;
			progress.lastUid = result.lastUid;
			progress.delivered += result.delivered;
		} catch (error) {
			if (!(error instanceof ActivityFailure)) throw error;
			progress.errors++;
			progress.lastError = error.cause?.message ?? error.message;
			await condition(() => progress.stopped, input.errorBackoffMs ?? 10_000);
			continue;
		}
		await reinferAdvanceTrigger({ connection: input.connection, owner: input.owner, dataset: input.dataset, trigger: input.trigger, sequenceId });
		progress.lastSequenceId = sequenceId;
		progress.batches++;
		idle = idleInitial;
	}
	progress.stopped = true;
	setJobState('stopped');
	return progress;
}
