/** Luminoso Compass API shapes, as documented (Compass API Endpoints, Feb 2018). */

/** A time: ISO-8601 text, or seconds since the UNIX epoch. */
export type CompassTime = string | number;

/** DRF-style page: every list of the API answers this way, up to 20 results a page. */
export interface Page<T> {
	count: number;
	next: string | null;
	previous: string | null;
	results: T[];
}

/** Objects carry a URL; the client adds `id`, the URL's last segment, when the API does not. */
export interface WithUrl {
	url?: string;
	id?: string | number;
}

export interface User {
	url?: string;
	email: string;
	name?: string;
	default_account?: string | null;
	must_reset_password?: boolean;
	admin?: boolean;
	permissions?: Permission[];
}

export interface LoginResult {
	token: string;
	user: User;
	expiration: string;
}

export interface Token {
	token: string;
	user: string;
	expiration: string;
}

export type ProjectStatus = 'active' | 'inactive';

export interface Project extends WithUrl {
	name: string;
	account: string;
	description?: string;
	language: string;
	status: ProjectStatus;
	creator?: string;
	created?: string;
}

export interface ProjectCreate {
	name: string;
	account: string;
	language: string;
	description?: string;
	status?: ProjectStatus;
}

export type ProjectUpdate = Partial<Pick<ProjectCreate, 'name' | 'description' | 'status'>>;

export interface DocumentObject extends WithUrl {
	text?: string;
	label?: string | null;
	dataset?: string | null;
	language?: string;
}

export interface NewDocument {
	text: string;
	label?: string;
	dataset?: string;
	language?: string;
}

export const CLASSIFIER_TYPES = ['voting', 'topic_based', 'sentiment_combined', 'sentiment_split', 'sentiment_wordlist'] as const;
export type ClassifierType = (typeof CLASSIFIER_TYPES)[number];
export type ActivityStatus = 'active' | 'inactive';

export interface TopicClause {
	title: string;
	clause: string;
}

export interface SentimentBand {
	min: number;
	max: number;
}

/** `info` of a classifier: which keys apply depends on the type (see CLASSIFIER_INFO_KEYS). */
export interface ClassifierInfo {
	num_topics?: number | 'ALL';
	threshold?: number;
	dataset?: string;
	topics?: TopicClause[] | Record<string, SentimentBand>;
	combined_threshold?: number;
	negative_threshold?: number;
	positive_threshold?: number;
	wordlist?: Record<string, number>;
	[key: string]: unknown;
}

export interface Classifier extends WithUrl {
	name: string;
	type: ClassifierType;
	status: ActivityStatus;
	training_state: 'in_training' | 'ready' | 'error' | string;
	topics?: unknown[];
	info?: ClassifierInfo;
	created?: string;
	last_update?: string;
}

export interface ClassifierCreate {
	name: string;
	type: ClassifierType;
	status: ActivityStatus;
	info?: ClassifierInfo;
}

export type ClassifierUpdate = Partial<Pick<ClassifierCreate, 'name' | 'status' | 'info'>>;

export interface ClassifierTopicCreate {
	name: string;
	/** Topic specification in the documented syntax, e.g. `card AND (debit OR credit)`. */
	info: string;
	status?: ActivityStatus;
	blocking?: boolean;
}

export interface ClassifierTopicUpdate {
	title?: string;
	info?: string;
	status?: ActivityStatus;
}

export interface MessageTopic {
	id: number | string | null;
	source: string;
	name: string;
	score: number;
}

export interface Message extends WithUrl {
	text: string;
	language?: string;
	source_id?: string | null;
	timestamp?: string;
	blocked?: boolean;
	weight?: number;
	info?: Record<string, unknown>;
	sentiment?: number;
	topics?: MessageTopic[];
	centrality?: number;
}

export interface NewMessage {
	text: string;
	timestamp: CompassTime;
	source_id?: string;
	language?: string;
	info?: Record<string, unknown>;
}

export interface ClassifyInput {
	text: string;
	source_id?: string;
}

/** Filters of GET .../messages/ (also selecting the messages a `replace` post replaces). */
export interface MessageFilters {
	earliest?: CompassTime;
	latest?: CompassTime;
	older_than_id?: number;
	newer_than_id?: number;
}

export type TopicStatus = 'active' | 'inactive' | 'pending';

export interface Topic extends WithUrl {
	title: string;
	status: TopicStatus;
	blocking?: boolean;
	created?: string;
	info?: unknown;
	clusters?: unknown[];
	measurements?: Measurements;
	messages_url?: string;
	time_buckets?: TimeBuckets;
}

export interface TopicCreate {
	title: string;
	info: { terms: Record<string, number> };
	status?: TopicStatus;
	blocking?: boolean;
}

export interface TopicUpdate {
	title?: string;
	status?: 'active' | 'inactive';
	blocking?: boolean;
	info?: unknown;
}

/** Time buckets of statistics (stats=true on topics, and GET .../stats/). */
export interface StatsQuery {
	interval?: number;
	num_buckets?: number;
	at_time?: CompassTime;
}

export interface TopicListQuery extends StatsQuery {
	status?: TopicStatus;
	blocking?: boolean;
	stats?: boolean;
}

export interface TopicsHistoryQuery extends TopicListQuery {
	earliest_created?: CompassTime;
	latest_created?: CompassTime;
	earliest_ended?: CompassTime;
	latest_ended?: CompassTime;
}

export interface TopicMessagesQuery extends MessageFilters {
	outliers?: boolean;
}

export interface Measurements {
	count: number;
	velocity: number;
	acceleration: number;
}

export interface SentimentCounts {
	negative: number;
	neutral: number;
	positive: number;
}

export interface TimeBuckets {
	start_time: string;
	end_time: string;
	interval: number;
	counts: Array<number | null>;
	sentiment_counts: Array<SentimentCounts | null>;
}

export interface ProjectStats {
	measurements: Measurements;
	time_buckets: TimeBuckets;
}

export interface UsageDay extends WithUrl {
	source: string;
	start_time: string;
	count: number;
}

export interface UsageMonth {
	start_time: string;
	month_name: string;
	total_counts: Record<string, number>;
	days: UsageDay[];
}

export interface UsageQuery {
	source?: string;
	earliest?: CompassTime;
	latest?: CompassTime;
}

export const CONFIG_KEYS = [
	'assoc_axes',
	'assoc_min_tokens',
	'assoc_max_tokens',
	'assoc_min_messages',
	'partition_min_messages',
	'partition_max_messages',
	'number_of_clusters',
	'number_of_discardable_clusters',
	'partition_min_lifetime',
	'assoc_do_not_build_within',
	'assoc_force_build_after',
	'partition_do_not_build_within',
	'partition_force_build_after',
	'sentiment_threshold',
	'labels_for_clustering',
] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

export interface ConfigEntry {
	key: string;
	value: unknown;
}

export interface ProjectConfig {
	default: ConfigEntry[];
	overridden: ConfigEntry[];
}

export interface Account extends WithUrl {
	id: string;
	name: string;
}

export interface UserCreate {
	name: string;
	email: string;
	default_account?: string;
	admin?: boolean;
}

export interface UserUpdate {
	name?: string;
	email?: string;
	default_account?: string;
	admin?: boolean;
}

export const PERMISSION_LEVELS = ['read', 'readwrite', 'manage'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export interface Permission extends WithUrl {
	user: string;
	account: string;
	level: PermissionLevel;
}

export interface PermissionCreate {
	user: string;
	account: string;
	level: PermissionLevel;
}
