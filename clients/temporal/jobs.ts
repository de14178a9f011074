/**
 * The one catalogue of Textai jobs, as plain data: the worker (`temporal/jobs.ts`, the webhook
 * server, the schedules CLI) and the n8n node (through Temporal's HTTP API) both read it, so a job
 * name always means the same workflow type, platform and kind.
 */
export const JOBS = {
	'reinfer.bulkSync': {
		workflowType: 'reinferBulkSync',
		platform: 'reinfer',
		kind: 'bulk-sync',
		description: 'Sync a file of comments (CSV, JSONL, JSON, XLSX) into a re:infer source',
		required: ['connection', 'owner', 'source', 'file', 'mapping'],
	},
	'reinfer.bulkPredict': {
		workflowType: 'reinferBulkPredict',
		platform: 'reinfer',
		kind: 'bulk-predict',
		description: 'Predict labels for every comment listed in a file, into a results file',
		required: ['connection', 'owner', 'dataset', 'modelVersion', 'file', 'uids', 'outputPath'],
	},
	'reinfer.streamConsumer': {
		workflowType: 'reinferStreamConsumer',
		platform: 'reinfer',
		kind: 'stream-consumer',
		description: 'Consume a re:infer trigger continuously and deliver each batch to a sink',
		required: ['connection', 'owner', 'dataset', 'trigger', 'sink'],
	},
	'primer.bulkPredictions': {
		workflowType: 'primerBulkPredictions',
		platform: 'primer',
		kind: 'bulk-predictions',
		description: 'Upload a file (CSV, JSON, JSONL, XLSX) or take a dataset, run Primer Automate bulk predictions, and stream them into a results file',
		required: ['connection', 'modelId', 'outputPath'],
	},
	'primer.deployAndWait': {
		workflowType: 'primerDeployAndWait',
		platform: 'primer',
		kind: 'deploy',
		description: 'Deploy the latest version of a Primer Automate model and wait until it serves predictions',
		required: ['connection', 'modelId'],
	},
	'apres.taskBatch': {
		workflowType: 'apresTaskBatch',
		platform: 'apres',
		kind: 'task-batch',
		description: 'Run an Apres task batch (files, S3 or Azure) to completion, by webhook or polling, into a results file',
		required: ['connection', 'source', 'outputPath'],
	},
	'luminoso.buildClassifier': {
		workflowType: 'luminosoBuildClassifier',
		platform: 'luminoso',
		kind: 'build-classifier',
		description: 'Upload a documents file to a Luminoso Compass project in batches, build a classifier and wait until it is ready and active',
		required: ['connection', 'project', 'classifier'],
	},
	'luminoso.bulkClassify': {
		workflowType: 'luminosoBulkClassify',
		platform: 'luminoso',
		kind: 'bulk-classify',
		description: 'Classify every message of a file with a Luminoso Compass project (classify or messages endpoint, batched) into a results file',
		required: ['connection', 'project', 'file', 'mapping', 'outputPath'],
	},
	'deepopinion.batchAnalysis': {
		workflowType: 'deepopinionBatchAnalysis',
		platform: 'deepopinion',
		kind: 'batch-analysis',
		description: 'Upload a CSV, TXT, JSON, JSONL or XLSX file to DeepOpinion, analyse one column with a model, and write every document with its segments and tags to a results file',
		required: ['connection', 'file', 'modelId', 'outputPath'],
	},
	'deepopinion.training': {
		workflowType: 'deepopinionTraining',
		platform: 'deepopinion',
		kind: 'training',
		description: 'Train a DeepOpinion model from labeling sessions, wait until it is READY and summarise its metrics',
		required: ['connection', 'projectId', 'displayName', 'annotationIds'],
	},
	'deepopinion.hitlDocument': {
		workflowType: 'deepopinionHitlDocument',
		platform: 'deepopinion',
		kind: 'hitl-document',
		description: 'Extract a document with DeepOpinion; when a human review is pending, wait for the HITL webhook (polling as a fallback) and write the reviewed result',
		required: ['connection', 'organizationId', 'projectId', 'modelId', 'file', 'outputPath'],
	},
} as const satisfies Record<string, JobDefinition>;

export interface JobDefinition {
	/** The workflow function the worker registers. */
	workflowType: string;
	/** Value of the TextaiPlatform search attribute. */
	platform: string;
	/** Value of the TextaiJobKind search attribute. */
	kind: string;
	description: string;
	/** Top-level fields the job's input object must have. */
	required: readonly string[];
}

export type JobName = keyof typeof JOBS;

export const JOB_NAMES = Object.keys(JOBS).sort() as JobName[];

/** Search attributes every job carries (registered once per namespace, Keyword type). */
export const SEARCH_ATTRIBUTE_NAMES = { platform: 'TextaiPlatform', kind: 'TextaiJobKind', state: 'TextaiJobState' } as const;

/** What a job is marked as when it starts; the workflow keeps TextaiJobState current afterwards. */
export const INITIAL_JOB_STATE = 'running';

export function isJobName(name: string): name is JobName {
	return Object.prototype.hasOwnProperty.call(JOBS, name);
}

/** The job a workflow type belongs to, if any. */
export function jobForWorkflowType(workflowType: string): JobName | undefined {
	return JOB_NAMES.find((name) => JOBS[name].workflowType === workflowType);
}

/**
 * Checks the shape of a job input before it is sent: a JSON object with the job's required
 * fields. Returns one issue per problem ([] when the input is acceptable). The workflow and its
 * activities validate the contents (files, mappings, names) themselves.
 */
export function checkJobInput(name: JobName, input: unknown): Array<{ field: string; problem: string }> {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) return [{ field: 'input', problem: 'must be a JSON object' }];
	const record = input as Record<string, unknown>;
	return JOBS[name].required
		.filter((field) => record[field] === undefined || record[field] === null || record[field] === '')
		.map((field) => ({ field: `input.${field}`, problem: `is required for ${name}` }));
}

/**
 * Workflow ids are free text for Temporal; these rules keep them safe in URLs, logs and the UI
 * (Temporal's HTTP API cannot address an id containing `/`).
 */
export const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,199}$/;

/** The problem with a job (or schedule) id, or undefined when it is acceptable. */
export function checkJobId(jobId: unknown): string | undefined {
	if (typeof jobId === 'string' && JOB_ID_PATTERN.test(jobId)) return undefined;
	return 'must be 1-200 characters: letters, digits and . _ : @ + = - (starting with a letter or digit)';
}
