/**
 * DeepOpinion Studio API shapes, from the API docs (deepopinion-studio.txt). Only fields the docs
 * show are typed; every object may carry more, which is passed through untouched.
 */

import type { ByteSource } from '../core';

export const PROJECT_TYPES = ['ABSA', 'CLASS', 'LABEL', 'CLASSLABEL'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const MODEL_STATUSES = ['CREATED', 'QUEUED', 'TRAINING', 'FAILED', 'READY', 'ACTIVE', 'PUBLISHED'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export const LANGUAGES = ['en', 'de', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SESSION_STATUSES = ['CREATED', 'STARTED', 'ANNOTATING', 'FAILED', 'FINISHED', 'SAMPLING', 'PREDICTING', 'DELETING'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const ROLES = ['USER', 'VIEWER', 'ANNOTATOR', 'ADMIN', 'MANAGER'] as const;
export type Role = (typeof ROLES)[number];

export const NOTIFICATION_TYPES = ['INFO', 'WARNING'] as const;

export const DOCUMENT_DETAILS = ['segments', 'meta', 'tags'] as const;
export type DocumentDetail = (typeof DOCUMENT_DETAILS)[number];

export type Json = Record<string, unknown>;

export interface Tag {
	class?: string;
	label?: string;
	[key: string]: unknown;
}

export interface Segment {
	id?: number;
	text: string;
	span?: [number, number];
	tags?: Tag[];
	[key: string]: unknown;
}

/** A document as sent: text plus an optional id. */
export interface DocumentInput {
	text: string;
	id?: number | string;
	[key: string]: unknown;
}

/** A document with segments and their tags (analysis results, labeling sessions). */
export interface Document {
	id?: number;
	text: string;
	segments?: Segment[];
	meta?: Json;
	[key: string]: unknown;
}

export interface ClassDef {
	id?: number;
	name: string;
	example?: string;
	description?: string;
}

export interface Label {
	id?: number;
	name: string;
}

/** `POST .../upload`: the stored file's id and its first rows (header first). */
export interface FilePreview {
	id: string;
	preview: unknown[];
	[key: string]: unknown;
}

export interface Analysis {
	id: number;
	uuid?: string;
	name?: string;
	created?: string;
	finished?: string | null;
	document_count?: number;
	progress?: number;
	model_id?: number;
	status?: string;
	type?: ProjectType;
	description?: string;
	classes?: ClassDef[];
	labels?: Label[];
	documents?: Document[];
	[key: string]: unknown;
}

export interface AnalysisCreate {
	documents?: DocumentInput[];
	name?: string;
	file_id?: string;
	column?: number;
	column_name?: string;
	split?: boolean;
	header_first?: boolean;
	/** Not in the scraped docs' request schema, but every analysis has a model_id: sent when given. */
	model_id?: number;
}

export interface AdHocRequest {
	documents: DocumentInput[];
	model_id: number;
	split?: boolean;
}

export interface AdHocResult {
	model: string;
	type: ProjectType;
	documents: Document[];
	[key: string]: unknown;
}

/** One page of an offset/limit list. */
export interface Page<T> {
	items: T[];
	hasMore: boolean;
	offset: number;
	limit?: number;
	count?: number;
}

export interface ListQuery {
	offset?: number;
	limit?: number;
}

export interface DocumentQuery extends ListQuery {
	details?: DocumentDetail[];
	search?: string;
	classes?: number[];
	labels?: number[];
}

export interface ProjectDocumentQuery extends ListQuery {
	details?: DocumentDetail[];
	search?: string;
	annotation_id?: number;
	analysis_id?: number;
	group_id?: number;
	grouped?: boolean;
	analysed?: boolean;
}

export interface Model {
	id: number;
	uuid?: string;
	name?: string;
	display_name?: string;
	base?: string;
	created?: string;
	language?: Language;
	long_description?: string;
	short_description?: string;
	owner?: string;
	progress?: number;
	project_id?: number;
	score?: number;
	status?: ModelStatus;
	type?: ProjectType;
	metrics?: Json;
	classes?: string[];
	labels?: string[];
	[key: string]: unknown;
}

export interface ModelQuery extends ListQuery {
	collection_id?: number;
	public?: boolean;
	starred?: boolean;
	search?: string;
	type?: ProjectType;
	exclude_id?: number;
}

export interface ModelUpdate {
	base?: string;
	created?: string;
	display_name?: string;
	uuid?: string;
	id?: number;
	language?: Language;
	long_description?: string;
	name?: string;
	owner?: string;
	progress?: number;
	project_id?: number;
	score?: number;
	short_description?: string;
	status?: ModelStatus;
	type?: ProjectType;
}

export interface TrainRequest {
	display_name?: string;
	language?: Language;
	name?: string;
	base_id?: number;
	annotation_ids?: number[];
	trainset_annotation_ids?: number[];
	testset_annotation_ids?: number[];
}

export interface ModelUpload {
	display_name: string;
	base?: string;
	score?: number;
	long_description?: string;
	short_description?: string;
	status?: ModelStatus;
	language?: Language;
	name?: string;
}

export interface Project {
	id: number;
	name: string;
	type: ProjectType;
	status?: string;
	created?: string;
	classes?: string[];
	labels?: string[];
	models?: Model[];
	external_id?: number;
	[key: string]: unknown;
}

export interface Group {
	id: number;
	name?: string;
	project_id?: number;
	created?: string;
	document_count?: number;
	source?: string;
	status?: string;
	[key: string]: unknown;
}

export interface ExternalSource {
	credential_id: number;
	source: string;
	parameters?: Json;
}

export interface GroupCreate {
	documents?: DocumentInput[];
	name?: string;
	file_id?: string;
	credential_id?: number;
	source?: string;
	parameters?: Json;
	column?: number;
	column_name?: string;
	split?: boolean;
	header_first?: boolean;
}

export interface GroupUpdate {
	name?: string;
	document_ids?: number[];
	documents?: Json[];
}

/** A labeling session ("annotation") or a correction session. */
export interface Session {
	id: number;
	uuid?: string;
	name?: string;
	status?: SessionStatus | string;
	mode?: 'ANNOTATION' | 'CORRECTION';
	type?: ProjectType;
	project_id?: number;
	document_group_id?: number;
	document_count?: number;
	progress?: number;
	model_id?: number;
	model?: { id: number; display_name?: string };
	classes?: unknown[];
	labels?: unknown[];
	documents?: Document[];
	predicted_score?: number;
	[key: string]: unknown;
}

export interface LabelingSessionCreate {
	name?: string;
	auto?: boolean;
	sample_size?: number;
	document_ids?: number[];
	documents?: Document[];
	classes?: string[];
	labels?: string[];
	file_id?: string;
	column_mapping?: Record<string, string>;
	credential_id?: number;
	source?: string;
	parameters?: Json;
}

export interface LabelingSessionUpdate {
	name?: string;
	document_ids?: number[];
	documents?: Document[];
	classes?: string[];
	labels?: string[];
}

export interface CorrectionCreate {
	model_id: number;
	sample_size?: number;
	name?: string;
}

export interface StatusMark {
	name: 'ANNOTATED';
	created?: string;
	document_id?: number;
	segment_id?: number;
	annotation_id?: number;
	[key: string]: unknown;
}

export interface Hitl {
	id: number;
	name?: string;
	description?: string;
	project_id?: number;
	created_at?: string;
	updated_at?: string;
	assigned_user_id?: number | null;
	model_id?: number | null;
	is_live?: boolean;
	webhook_url?: string | null;
	labels?: Json;
	[key: string]: unknown;
}

export interface HitlFields {
	name?: string;
	description?: string;
	assigned_user_id?: number;
	model_id?: number;
	is_live?: boolean;
	webhook_url?: string;
}

export const HITL_REVIEW_STATUSES = ['PENDING', 'IN_PROGRESS', 'COMPLETED'] as const;

export interface HitlReview {
	review_id: number;
	task_id?: number;
	document_id?: number;
	document_name?: string;
	page_num?: number;
	status: string;
	created?: string;
	updated?: string;
	user_id?: number | null;
	label?: string;
	confidence_threshold?: number;
	ls_annotation_id?: number | null;
	hitl_id?: number;
	[key: string]: unknown;
}

export interface ExtractionDocument {
	name?: string;
	/** The stored document's id (the emulator and newer API versions return it). */
	document_id?: number;
	all_required_fields_found?: boolean;
	all_confidence_thresholds_met?: boolean;
	all_data_conversion_passed?: boolean;
	credits_used?: number;
	matches?: Json[];
	bboxes?: unknown[];
	annotated_pages?: string[];
	hitl?: { status: string; hitl_id?: number; review_ids?: number[]; result?: unknown[] };
	[key: string]: unknown;
}

export interface ExtractionResult {
	model?: string;
	all_required_fields_found?: boolean;
	all_confidence_thresholds_met?: boolean;
	all_data_conversion_passed?: boolean;
	total_credits_used?: number;
	documents: ExtractionDocument[];
	labels?: Label[];
	[key: string]: unknown;
}

export interface Notification {
	id: number;
	title?: string;
	text?: string;
	created?: string;
	type?: 'INFO' | 'WARNING';
	read?: string | null;
	[key: string]: unknown;
}

export interface User {
	id?: number;
	first_name?: string;
	last_name?: string;
	email?: string;
	[key: string]: unknown;
}

export interface UserFields {
	first_name?: string;
	last_name?: string;
	email?: string;
	password?: string;
}

export interface AuthResult {
	auth_token: string;
	message?: string;
	status?: string;
	[key: string]: unknown;
}

export interface ProductKey {
	id: number;
	created?: string;
	name?: string;
	token?: string;
}

export interface Workspace {
	id: number;
	name: string;
	description?: string;
	created?: string;
	is_beta?: boolean;
	is_read_only?: boolean;
	[key: string]: unknown;
}

export interface Invitation {
	id: number;
	role: Role;
	email: string;
	invited_by_id?: number;
	organization_id?: number;
	created?: string;
	invitation_link?: string;
}

export interface InviteResult {
	not_invited: Array<{ email: string; reason: string }>;
	invitations: Invitation[];
}

export interface AcceptInvitation {
	token: string;
	password: string;
	first_name?: string;
	last_name?: string;
	email?: string;
}

/**
 * A file to upload, from n8n binary data (bytes) or disk (a ByteSource: the file is streamed, never
 * held whole in memory, and its first bytes are read for the content checks).
 */
export interface UploadFile {
	data: Uint8Array | ByteSource;
	fileName: string;
	mimeType?: string;
}
