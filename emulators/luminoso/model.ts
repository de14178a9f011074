import type { Clause } from './clauses';
import type { Lexicon } from './text';

/** Records of the emulated Compass deployment (API objects are built from them per request). */

export type Level = 'read' | 'readwrite' | 'manage';
export const LEVELS: readonly Level[] = ['read', 'readwrite', 'manage'];

export interface UserRecord {
	email: string;
	name: string;
	/** Undefined until a site admin resets it (users created through the API have none). */
	password?: string;
	admin: boolean;
	mustResetPassword: boolean;
	defaultAccount: string | null;
}

export interface TokenRecord {
	token: string;
	user: string;
	created: number;
	expires: number;
	/** When set, the token expires once this many more authenticated requests have used it. */
	usesLeft?: number;
}

export interface AccountRecord {
	id: string;
	name: string;
}

export interface PermissionRecord {
	id: number;
	user: string;
	account: string;
	level: Level;
}

export interface DocumentRecord {
	id: number;
	text: string;
	label: string | null;
	dataset: string | null;
	language: string;
}

export type ClassifierType = 'voting' | 'topic_based' | 'sentiment_combined' | 'sentiment_split' | 'sentiment_wordlist';
export const CLASSIFIER_TYPES: readonly ClassifierType[] = ['voting', 'topic_based', 'sentiment_combined', 'sentiment_split', 'sentiment_wordlist'];

/** Trained voting model: for each token, in how many training documents of each label it occurs. */
export interface VotingModel {
	labels: string[];
	labelDocs: number[];
	docFreq: Map<string, Map<number, number>>;
}

export interface ClassifierRecord {
	id: number;
	name: string;
	type: ClassifierType;
	/** The status asked for; while training the classifier is reported inactive. */
	requestedStatus: 'active' | 'inactive';
	trainingState: 'in_training' | 'ready' | 'error';
	readyAt: number;
	info: Record<string, unknown>;
	error?: string;
	/** Topics (labels) of the classifier, in order. */
	topicIds: number[];
	model?: VotingModel;
	lexicon?: Lexicon;
	created: number;
	lastUpdate: number;
}

export interface TopicRecord {
	id: number;
	title: string;
	status: 'active' | 'inactive' | 'pending';
	blocking: boolean;
	created: number;
	/** When the topic became inactive or was deleted. */
	ended: number | null;
	deleted: boolean;
	info: unknown;
	/** Set for the topics of a classifier (labels, clauses, sentiment bands). */
	classifierId?: number;
	clause?: Clause;
	band?: { min: number; max: number };
	/** Project topics: weighted terms (stemmed phrase -> weight). */
	terms?: Array<{ phrase: string[]; weight: number }>;
}

export interface MessageTopic {
	id: number | null;
	source: string;
	name: string;
	score: number;
}

export interface MessageRecord {
	id: number;
	text: string;
	language: string;
	sourceId: string | null;
	timestamp: number;
	weight: number;
	info: Record<string, unknown>;
	sentiment: number;
	topics: MessageTopic[];
	/** Stemmed words of the text. */
	tokens: string[];
}

export interface UsageRecord {
	id: number;
	source: string;
	start: number;
	count: number;
}

export interface ProjectRecord {
	id: string;
	name: string;
	account: string;
	description: string;
	language: string;
	status: 'active' | 'inactive';
	creator: string;
	created: number;
	documents: DocumentRecord[];
	classifiers: Map<number, ClassifierRecord>;
	/** Every topic ever made, deleted ones included (topics_history). */
	topics: Map<number, TopicRecord>;
	/** In ascending id order. */
	messages: MessageRecord[];
	usage: Map<string, UsageRecord>;
	config: Map<string, unknown>;
}
