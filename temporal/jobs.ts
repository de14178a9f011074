import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import type { reinferBulkPredict, reinferBulkSync, reinferStreamConsumer } from '../workflows';
import type { apresTaskBatch } from '../workflows/apres/taskBatch';
import type { primerBulkPredictions } from '../workflows/primer/bulkPredictions';
import type { primerDeployAndWait } from '../workflows/primer/deployAndWait';
import type { luminosoBuildClassifier } from '../workflows/luminoso/buildClassifier';
import type { luminosoBulkClassify } from '../workflows/luminoso/bulkClassify';
import type { deepopinionBatchAnalysis } from '../workflows/deepopinion/batchAnalysis';
import type { deepopinionHitlDocument } from '../workflows/deepopinion/hitlDocument';
import type { deepopinionTraining } from '../workflows/deepopinion/training';
import { JOBS, type JobName } from '../clients/temporal/jobs';
import { TEXTAI_JOB_KIND, TEXTAI_JOB_STATE, TEXTAI_PLATFORM } from '../workflows/searchAttributes';

/**
 * The catalogue of jobs lives in `clients/temporal/jobs.ts` (plain data shared with the n8n node):
 * one entry per workflow, with the platform and kind the Temporal UI lists them by. Starting a job
 * is idempotent: the same job id returns the execution that has it, running or finished, instead
 * of starting a second one (unless `rerun` asks for a new run of a finished job).
 */
export { JOBS, isJobName, type JobName } from '../clients/temporal/jobs';

export interface JobInputs {
	'reinfer.bulkSync': Parameters<typeof reinferBulkSync>[0];
	'reinfer.bulkPredict': Parameters<typeof reinferBulkPredict>[0];
	'reinfer.streamConsumer': Parameters<typeof reinferStreamConsumer>[0];
	'primer.bulkPredictions': Parameters<typeof primerBulkPredictions>[0];
	'primer.deployAndWait': Parameters<typeof primerDeployAndWait>[0];
	'apres.taskBatch': Parameters<typeof apresTaskBatch>[0];
	'luminoso.buildClassifier': Parameters<typeof luminosoBuildClassifier>[0];
	'luminoso.bulkClassify': Parameters<typeof luminosoBulkClassify>[0];
	'deepopinion.batchAnalysis': Parameters<typeof deepopinionBatchAnalysis>[0];
	'deepopinion.training': Parameters<typeof deepopinionTraining>[0];
	'deepopinion.hitlDocument': Parameters<typeof deepopinionHitlDocument>[0];
}

export interface StartJobOptions {
	taskQueue: string;
	/** Stable id: starting the same id again returns that job's execution. */
	jobId: string;
	/** Start a new run when a finished job has this id (default: return the finished one). */
	rerun?: boolean;
	/** Set false on clusters where the Textai* search attributes are not registered. */
	searchAttributes?: boolean;
	memo?: Record<string, unknown>;
}

export async function startJob<N extends JobName>(client: Client, name: N, input: JobInputs[N], options: StartJobOptions): Promise<WorkflowHandle> {
	const job = JOBS[name];
	try {
		return await client.workflow.start(job.workflowType, {
			args: [input],
			taskQueue: options.taskQueue,
			workflowId: options.jobId,
			workflowIdConflictPolicy: 'USE_EXISTING',
			workflowIdReusePolicy: options.rerun ? 'ALLOW_DUPLICATE' : 'REJECT_DUPLICATE',
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
	} catch (error) {
		if (error instanceof WorkflowExecutionAlreadyStartedError && !options.rerun) return client.workflow.getHandle(options.jobId);
		throw error;
	}
}
