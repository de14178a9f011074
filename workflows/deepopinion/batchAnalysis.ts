import { ApplicationFailure, type Duration } from '@temporalio/common';
import { defineQuery, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { AnalysisFile, DeepOpinionActivities } from '../../activities/deepopinion';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface DeepOpinionBatchAnalysisInput {
	connection: string;
	/** CSV, TXT, JSON, JSONL or XLSX file on the worker's disk. */
	file: AnalysisFile;
	modelId: number;
	/** The column holding the documents: by header name, or 0-based index. */
	columnName?: string;
	column?: number;
	/** Default true: documents are split into sentences. */
	split?: boolean;
	/** Default true: the first row of the file is its header. */
	headerFirst?: boolean;
	/** Analysis name (default `textai-<job id>`); an analysis of the model with this name is reused. */
	name?: string;
	/** Results file, one record per document: .jsonl, .csv or .xlsx. */
	outputPath: string;
	/** Documents per request when paging the results (1..1000, default 1000). */
	pageSize?: number;
	/** Wait between status checks (ms, default 10 s). Intervals under 10 s are polled inside an activity (one per 5 minutes of analysis); longer ones between durable timers. */
	pollIntervalMs?: number;
	/** Give up when the analysis has not finished after this long (ms, default 24 h). */
	timeoutMs?: number;
	/** How long a silent activity (upload, status checks, export) is given before another worker retries it (default 1 minute). */
	heartbeatTimeout?: Duration;
}

export interface DeepOpinionBatchAnalysisProgress {
	phase: 'uploading' | 'analysing' | 'exporting' | 'completed' | 'failed';
	analysisId?: number;
	status?: string;
	progress?: number;
	documentCount?: number;
	polls: number;
}

export interface DeepOpinionBatchAnalysisResult {
	analysisId: number;
	status: string;
	documents: number;
	segments: number;
	tags: number;
	outputPath: string;
	polls: number;
}

export const batchAnalysisProgress = defineQuery<DeepOpinionBatchAnalysisProgress>('progress');

/**
 * Shorter status checks run inside one activity: a workflow timer fires about a second late at
 * best, which would make a short poll interval several times longer.
 */
const IN_ACTIVITY_POLL_BELOW_MS = 10_000;
/** How long one waiting activity polls before handing back to the workflow. */
const AWAIT_WINDOW_MS = 5 * 60_000;

/** The job's activities; each heartbeats, so a worker that dies is noticed after `heartbeatTimeout`. */
function activities(heartbeatTimeout: Duration) {
	const { deepopinionStartAnalysis } = proxyActivities<DeepOpinionActivities>({
		startToCloseTimeout: '30 minutes',
		heartbeatTimeout,
		// Creating is idempotent by analysis name (a repeat reuses the analysis, and the uploaded file), so retrying is safe.
		retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10, nonRetryableErrorTypes: NON_RETRYABLE },
	});
	const { deepopinionAwaitAnalysis } = proxyActivities<DeepOpinionActivities>({
		startToCloseTimeout: '10 minutes',
		heartbeatTimeout,
		retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30, nonRetryableErrorTypes: NON_RETRYABLE },
	});
	const { deepopinionExportAnalysis } = proxyActivities<DeepOpinionActivities>({
		startToCloseTimeout: '4 hours',
		heartbeatTimeout,
		retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 50, nonRetryableErrorTypes: NON_RETRYABLE },
	});
	return { deepopinionStartAnalysis, deepopinionAwaitAnalysis, deepopinionExportAnalysis };
}

/**
 * File -> upload -> batch analysis -> wait until it has finished -> every document with its
 * segments and tags in a results file. Only ids and counts pass through Temporal. Query `progress`.
 */
export async function deepopinionBatchAnalysis(input: DeepOpinionBatchAnalysisInput): Promise<DeepOpinionBatchAnalysisResult> {
	const progress: DeepOpinionBatchAnalysisProgress = { phase: 'uploading', polls: 0 };
	setHandler(batchAnalysisProgress, () => progress);
	setJobState('running');
	const { deepopinionStartAnalysis, deepopinionAwaitAnalysis, deepopinionExportAnalysis } = activities(input.heartbeatTimeout ?? '1 minute');
	const fail = (error: unknown): never => {
		progress.phase = 'failed';
		setJobState('failed');
		throw error;
	};
	const started = await deepopinionStartAnalysis({
		connection: input.connection,
		file: input.file,
		modelId: input.modelId,
		name: input.name ?? `textai-${workflowInfo().workflowId}`,
		column: input.column,
		columnName: input.columnName,
		split: input.split,
		headerFirst: input.headerFirst,
		outputPath: input.outputPath,
	}).catch(fail);
	Object.assign(progress, { phase: 'analysing', analysisId: started.analysisId, documentCount: started.documentCount });
	const deadline = Date.now() + (input.timeoutMs ?? 24 * 3_600_000);
	const pollMs = input.pollIntervalMs ?? 10_000;
	const pollInActivity = pollMs < IN_ACTIVITY_POLL_BELOW_MS;
	for (;;) {
		const maxWaitMs = pollInActivity ? Math.min(AWAIT_WINDOW_MS, Math.max(0, deadline - Date.now())) : 0;
		const state = await deepopinionAwaitAnalysis({ connection: input.connection, analysisId: started.analysisId, pollIntervalMs: pollMs, maxWaitMs }).catch(fail);
		progress.polls += state.polls;
		Object.assign(progress, { status: state.status, progress: state.progress, documentCount: state.documentCount });
		if (state.status === 'FINISHED') break;
		if (state.status === 'FAILED') fail(ApplicationFailure.nonRetryable(`DeepOpinion analysis ${started.analysisId} failed`, 'AnalysisFailed', { analysisId: started.analysisId }));
		if (Date.now() >= deadline) fail(ApplicationFailure.nonRetryable(`DeepOpinion analysis ${started.analysisId} did not finish in time (status ${state.status}, ${state.progress}%)`, 'AnalysisTimeout', { analysisId: started.analysisId }));
		if (!pollInActivity) await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
	}
	progress.phase = 'exporting';
	const exported = await deepopinionExportAnalysis({ connection: input.connection, analysisId: started.analysisId, outputPath: input.outputPath, pageSize: input.pageSize }).catch(fail);
	progress.phase = 'completed';
	setJobState('completed');
	return { analysisId: started.analysisId, status: progress.status ?? 'FINISHED', ...exported, polls: progress.polls };
}
