/** Primer Automate API shapes, as documented (https://auto.primer.ai/api/v1alpha/automate). */

export interface ModelRef {
	id: string;
	name: string;
}

export interface Dataset {
	id: string;
	display_name: string;
	description: string | null;
	document_type: string;
	num_documents: number;
	is_archived: boolean;
	creation_date: string;
	modified_date: string;
	org_id: number;
	/** A string: the ids are 64-bit integers, beyond JavaScript's exact range. */
	user_id: string;
	models: ModelRef[];
}

export interface DatasetList {
	filters?: unknown[];
	datasets: Dataset[];
}

/** `PUT /datasets/`: every field but `description` is required. */
export interface DatasetCreate {
	/** A 64-bit integer: give it as a string of digits to keep it exact (numbers are accepted when safe). */
	user_id: string | number;
	is_archived: boolean;
	num_documents: number;
	org_id: number;
	display_name: string;
	document_type: string;
	description?: string;
}

export type UploadFiletype = 'csv' | 'json';

/** Which columns (CSV headers or JSON keys) of an upload hold each document field. */
export interface HeaderMatching {
	text?: string;
	title?: string;
	id?: string;
	label?: string;
	date?: string;
}

/** Query parameters of `POST /datasets:upload` (create) and `PATCH /datasets:upload` (append). */
export interface UploadOptions {
	filetype: UploadFiletype;
	/** Required to create a dataset. */
	displayName?: string;
	/** Required to create a dataset (e.g. "News", "Social Media", "Other"). */
	documentType?: string;
	description?: string;
	/** A model to link the dataset to (its labels are attached to that model). */
	modelId?: string;
	headers?: HeaderMatching;
}

export interface UploadResult {
	dataset_id: string;
	[key: string]: unknown;
}

export interface LabelAnnotation {
	annotator_name?: string;
	annotator_id?: number | string;
	date_created?: string;
	label_name: string;
	value: boolean;
}

/** One line of `GET /labels:download` (JSONL). */
export interface LabeledDocument {
	document_id: string;
	document_title: string | null;
	document_date: string | null;
	document_text: string;
	labels: LabelAnnotation[];
}

/** A multi-label classifier's judgement for one label. */
export interface LabelScore {
	label: string;
	score: number;
	threshold: number;
	classification: boolean;
}

/** An entity found by an NER model (character offsets into the text). */
export interface EntityLabel {
	label: string;
	text: string;
	start: number;
	end: number;
	score?: number;
}

/** `model_type` values: `CLF_MULTILABEL` (documented), `LIST` (documented), `NER` and others. */
export type ModelType = 'CLF_MULTILABEL' | 'NER' | 'LIST' | (string & {});

export interface Prediction {
	labels: Array<LabelScore | EntityLabel | { text: string[] } | Record<string, unknown>>;
	model_type: ModelType;
}

export interface DeploymentResult {
	status_message: string;
}

export interface BulkPredictionRequest {
	request_predictions_id: number;
}

/** `PROCESSING` is documented; the other values are what jobs move through (see README). */
export interface PredictionJobStatus {
	status: string;
	/** A failure reason, when the platform gives one. */
	message?: string;
	[key: string]: unknown;
}

export type PredictionsFormat = 'CSV' | 'JSON';

/** One document's predictions as downloaded (JSON format). */
export interface DocumentPredictions {
	document_id?: string;
	document_title?: string | null;
	document_text?: string;
	model_type?: ModelType;
	labels?: Prediction['labels'];
	[key: string]: unknown;
}
