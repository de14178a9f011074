import { ApplicationFailure } from '@temporalio/common';
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
	/** Wait between status checks (ms, default 10 s). */
	pollIntervalMs?: number;
	/** Give up when the analysis has not finished after this long (ms, default 24 h). */
	timeoutMs?: number;
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

const { deepopinionStartAnalysis } = proxyActivities<DeepOpinionActivities>({
	startToCloseTimeout: '30 minutes',
	// Creating is idempotent by analysis name (a repeat reuses the analysis), so retrying is safe.
	retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10, nonRetryableErrorTypes: NON_RETRYABLE },
});
const { deepopinionAnalysisStatus } = proxyActivities<DeepOpinionActivities>({
	startToCloseTimeout: '2 minutes',
	retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30, nonRetryableErrorTypes: NON_RETRYABLE },
});
const { deepopinionExportAnalysis } = proxyActivities<DeepOpinionActivities>({
	startToCloseTimeout: '4 hours',
	heartbeatTimeout: '2 minutes',
	retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 50, nonRetryableErrorTypes: NON_RETRYABLE },
});

/**
 * File -> upload -> batch analysis -> wait until it has finished -> every document with its
 * segments and tags in a results file. Only ids and counts pass through Temporal. Query `progress`.
 */
export async function deepopinionBatchAnalysis(input: DeepOpinionBatchAnalysisInput): Promise<DeepOpinionBatchAnalysisResult> {
	const progress: DeepOpinionBatchAnalysisProgress = { phase: 'uploading', polls: 0 };
	setHandler(batchAnalysisProgress, () => progress);
	setJobState('running');
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
	}).catch(fail);
	Object.assign(progress, { phase: 'analysing', analysisId: started.analysisId, documentCount: started.documentCount });
	const deadline = Date.now() + (input.timeoutMs ?? 24 * 3_600_000);
	for (;;) {
		const state = await deepopinionAnalysisStatus({ connection: input.connection, analysisId: started.analysisId }).catch(fail);
		progress.polls++;
		Object.assign(progress, { status: state.status, progress: state.progress, documentCount: state.documentCount });
		if (state.status === 'FINISHED') break;
		if (state.status === 'FAILED') fail(ApplicationFailure.nonRetryable(`DeepOpinion analysis ${started.analysisId} failed`, 'AnalysisFailed', { analysisId: started.analysisId }));
		if (Date.now() >= deadline) fail(ApplicationFailure.nonRetryable(`DeepOpinion analysis ${started.analysisId} did not finish in time (status ${state.status}, ${state.progress}%)`, 'AnalysisTimeout', { analysisId: started.analysisId }));
		await sleep(Math.min(input.pollIntervalMs ?? 10_000, Math.max(1, deadline - Date.now())));
	}
	progress.phase = 'exporting';
	const exported = await deepopinionExportAnalysis({ connection: input.connection, analysisId: started.analysisId, outputPath: input.outputPath, pageSize: input.pageSize }).catch(fail);
	progress.phase = 'completed';
	setJobState('completed');
	return { analysisId: started.analysisId, status: progress.status ?? 'FINISHED', ...exported, polls: progress.polls };
}
