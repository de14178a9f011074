/** re:infer API shapes, as documented (https://reinfer.io/api/v1). */

export interface Source {
	id: string;
	owner: string;
	name: string;
	language?: string;
	title?: string;
	description?: string;
	should_translate?: boolean;
	sensitive_properties?: string[];
	created_at?: string;
	updated_at?: string;
	last_modified?: string;
}

export interface SourceCreate {
	language?: 'en' | 'de' | string;
	title?: string;
	description?: string;
	should_translate?: boolean;
	sensitive_properties?: string[];
}

export type SourceUpdate = Omit<SourceCreate, 'language'>;

export interface Dataset {
	id: string;
	owner: string;
	name: string;
	title?: string;
	description?: string;
	created?: string;
	last_modified?: string;
	model_family?: string;
	source_ids: string[];
	has_sentiment?: boolean;
}

export interface DatasetCreate {
	title?: string;
	description?: string;
	source_ids?: string[];
	model_family?: 'english' | 'german' | string;
	has_sentiment?: boolean;
	copy_labels_from?: string;
}

export interface DatasetUpdate {
	title?: string;
	description?: string;
	source_ids?: string[];
}

export interface Content {
	text: string;
	translated_from?: string;
}

export interface Message {
	body: Content;
	subject?: Content;
	from?: string;
	to?: string[];
	cc?: string[];
	bcc?: string[];
	sent_at?: string;
	language?: string;
}

export type UserProperties = Record<string, string | number>;

export interface NewComment {
	id: string;
	timestamp: string;
	messages: Message[];
	user_properties?: UserProperties;
}

export interface Comment extends NewComment {
	uid: string;
	source_id: string;
	last_modified?: string;
	context?: string;
}

export interface Document {
	messages: Message[];
	timestamp?: string;
	user_properties?: UserProperties;
}

export interface LabelPrediction {
	name: string[];
	probability: number;
	sentiment?: number;
}

export interface Entity {
	kind: string;
	formatted_value: string;
	span: { content_part: 'body' | 'subject'; message_index: number; utf16_byte_start: number; utf16_byte_end: number };
}

export interface ModelInfo {
	version: string;
	time: string;
}

export interface SyncResult {
	new: number;
	updated: number;
	unchanged: number;
}

export interface PredictResult {
	model: ModelInfo;
	/** One list of labels per document, in input order. */
	predictions: LabelPrediction[][];
	/** One list per document, present when the dataset supports entities. */
	entities?: Entity[][];
}

export interface CommentPrediction {
	uid: string;
	labels: LabelPrediction[];
	entities?: Entity[];
	translations?: Array<{ body?: string; subject?: string; language?: string }>;
}

export interface PredictCommentsResult {
	model: ModelInfo;
	predictions: CommentPrediction[];
}

export interface TriggerResult {
	comment: Comment;
	labels?: LabelPrediction[];
	entities?: Entity[];
}

export interface TriggerFetchResult {
	results: TriggerResult[];
	sequence_id: string;
}
