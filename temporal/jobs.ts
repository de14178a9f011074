import type { Client, WorkflowHandle } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import type { reinferBulkPredict, reinferBulkSync, reinferStreamConsumer } from '../workflows';
import { TEXTAI_JOB_KIND, TEXTAI_JOB_STATE, TEXTAI_PLATFORM } from '../workflows/searchAttributes';

/**
 * The catalogue of jobs: one entry per workflow, with the platform and kind the Temporal UI
 * lists them by. Starting a job is idempotent: the same job id while it runs returns the
 * running execution instead of starting a second one.
 */
export const JOBS = {
	'reinfer.bulkSync': { workflowType: 'reinferBulkSync', platform: 'reinfer', kind: 'bulk-sync' },
	'reinfer.bulkPredict': { workflowType: 'reinferBulkPredict', platform: 'reinfer', kind: 'bulk-predict' },
	'reinfer.streamConsumer': { workflowType: 'reinferStreamConsumer', platform: 'reinfer', kind: 'stream-consumer' },
} as const;

export type JobName = keyof typeof JOBS;

export interface JobInputs {
	'reinfer.bulkSync': Parameters<typeof reinferBulkSync>[0];
	'reinfer.bulkPredict': Parameters<typeof reinferBulkPredict>[0];
	'reinfer.streamConsumer': Parameters<typeof reinferStreamConsumer>[0];
}

export function isJobName(name: string): name is JobName {
	return Object.prototype.hasOwnProperty.call(JOBS, name);
}

export interface StartJobOptions {
	taskQueue: string;
	/** Stable id: starting the same id again while it runs returns that run. */
	jobId: string;
	/** Set false on clusters where the Textai* search attributes are not registered. */
	searchAttributes?: boolean;
	memo?: Record<string, unknown>;
}

export async function startJob<N extends JobName>(client: Client, name: N, input: JobInputs[N], options: StartJobOptions): Promise<WorkflowHandle> {
	const job = JOBS[name];
	return client.workflow.start(job.workflowType, {
		args: [input],
		taskQueue: options.taskQueue,
		workflowId: options.jobId,
		workflowIdConflictPolicy: 'USE_EXISTING',
		memo: { job: name, ...options.memo },
		...(options.searchAttributes === false
			? {}
			: {
					typedSearchAttributes: new TypedSearchAttributes([
						{ key: TEXTAI_PLATFORM, value: job.platform },
						{ key: TEXTAI_JOB_KIND, value: job.kind },
						{ key: TEXTAI_JOB_STATE, value: 'running' },
					]),
				}),
	});
}
