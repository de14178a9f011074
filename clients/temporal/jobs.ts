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
