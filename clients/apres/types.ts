/** Apres API shapes, as documented (https://api.apres.io/api/v1). */

export interface ProcessingTemplate {
	id: number;
	sequence: number;
	/** e.g. `CategorisationTemplate`. */
	type: string;
	instruction?: string;
	choices?: string[];
	multiple_choices?: boolean;
	options?: unknown;
	[key: string]: unknown;
}

export interface Recipe {
	id: string;
	name: string;
	status: string;
	created_at?: string;
	updated_at?: string;
	processing_templates: ProcessingTemplate[];
	[key: string]: unknown;
}

/** `POST /recipe/load_batch`: a base64-encoded CSV of processed rows (Input, Type, Output). */
export interface LoadBatchRequest {
	/** Name of the file supplied, e.g. `set1.csv`. */
	file: string;
	/** Base64 of the CSV file's bytes. */
	data: string;
	/** Load the rows as the recipe's Golden Set (a recipe has at most one). */
	golden_set?: boolean;
}

/** One processed row of a load_batch CSV. `output` may list several answers. */
export interface ProcessedRow {
	input: string;
	type?: string;
	output: string | string[];
}

export interface LoadBatchResult {
	message: string;
	[key: string]: unknown;
}

export type DeliveryTimeframe = 1 | 7;
export const DELIVERY_TIMEFRAMES: readonly DeliveryTimeframe[] = [1, 7];
export const DELIVERY_UNITS = ['days'] as const;
export type DeliveryUnits = (typeof DELIVERY_UNITS)[number];

export interface S3Location {
	type: 's3';
	bucket_name: string;
	region: string;
	prefix?: string;
}

export interface AzureBlobLocation {
	type: 'azure-blob';
	blob_endpoint: string;
	container: string;
	/** A shared access signature; treated as a secret (redacted from errors). */
	sas_token: string;
}

export type TaskBatchLocation = S3Location | AzureBlobLocation;
export const LOCATION_TYPES = ['s3', 'azure-blob'] as const;

export interface Base64File {
	/** The name of the file being processed. */
	file: string;
	/** The file contents, base64-encoded. */
	data: string;
}

interface TaskBatchOptions {
	delivery_timeframe?: DeliveryTimeframe;
	delivery_units?: DeliveryUnits;
	/** Fully qualified URL that receives every state change of the batch. */
	webhook_url?: string;
}

/** The three documented payloads of `POST /task_batches`. */
export type TaskBatchCreate = (TaskBatchOptions & { files: Base64File[]; location?: never }) | (TaskBatchOptions & { location: TaskBatchLocation; files?: never });

export interface TaskBatch {
	id: string;
	created_at?: string;
	updated_at?: string;
	/** 0 until the tasks were generated (asynchronously); see `estimated_size`. */
	size: number;
	/** e.g. `Pending`, `Completed`. */
	status: string;
	price?: number;
	/** e.g. `created`, `confirmed`, `completed`. */
	state: string;
	estimated_size?: number;
	estimated_data_points?: number;
	slug?: string;
	mode?: string;
	delivery_timeframe?: number;
	delivery_units?: string;
	sandbox?: boolean;
	[key: string]: unknown;
}

export interface OutputRow {
	task_id: string;
	/** URL of the task's input. */
	input: string;
	output: unknown[];
	status: string;
	consensus_score?: number;
	[key: string]: unknown;
}

export interface Statistic {
	name: string;
	value: number | string;
}

export interface TaskBatchOutput {
	json: OutputRow[];
	/** URL of the output as CSV (hosted by Apres, no credentials needed). */
	csv: string;
	statistics: Statistic[];
	[key: string]: unknown;
}

export interface Task {
	id: string;
	status: string;
	state: string;
	created_at?: string;
	updated_at?: string;
	/** The input's file name. */
	input: string;
	output: unknown[] | null;
	feedback?: unknown;
	input_type?: string;
	consensus_score?: number;
	responses_with_confidence?: unknown;
	[key: string]: unknown;
}

/**
 * What Apres POSTs to a batch's `webhook_url` on each state change: the state, a message, and the
 * recipe and task batch ids. The docs name the two key elements (`state`, `message`) but not the
 * id fields; `recipe_id` and `task_batch_id` are this project's reading (see parseWebhookEvent).
 */
export interface TaskBatchEvent {
	state: string;
	message: string;
	recipe_id?: string;
	task_batch_id: string;
}
