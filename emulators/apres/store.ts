import { HttpError, notFound, Prng, unitHash, type Seed } from '../core';

/** In-memory Apres state: recipes keyed by API key, task batches and their tasks, loaded batches. */

export interface ProcessingTemplateConfig {
	id: number;
	sequence: number;
	type: string;
	instruction?: string;
	choices?: string[];
	multiple_choices?: boolean;
	options?: unknown;
}

export interface RecipeConfig {
	/** The recipe's API key (what clients send as `Authorization: <key>`). */
	apiKey: string;
	id?: string;
	name?: string;
	status?: string;
	processing_templates?: ProcessingTemplateConfig[];
}

export interface RecipeInfo {
	id: string;
	name: string;
	status: string;
	created_at: string;
	updated_at: string;
	processing_templates: ProcessingTemplateConfig[];
}

export interface LoadedBatch {
	file: string;
	rows: number;
	golden_set: boolean;
	columns: string[];
	loaded_at: string;
}

export interface RecipeRecord {
	apiKey: string;
	info: RecipeInfo;
	loaded: LoadedBatch[];
	hasGoldenSet: boolean;
}

export type Location =
	| { type: 's3'; bucket_name: string; region: string; prefix?: string }
	| { type: 'azure-blob'; blob_endpoint: string; container: string; sas_token: string };

export interface TaskBatchInfo {
	id: string;
	created_at: string;
	updated_at: string;
	size: number;
	status: string;
	price: number;
	state: string;
	estimated_size: number;
	estimated_data_points: number;
	slug: string;
	mode: string;
	delivery_timeframe: number;
	delivery_units: string;
	sandbox: boolean;
}

export interface TaskInfo {
	id: string;
	status: string;
	created_at: string;
	updated_at: string;
	input: string;
	output: string[] | null;
	feedback: null;
	state: string;
	input_type: string;
	consensus_score: number;
	responses_with_confidence: null;
}

export interface BatchRecord {
	recipeId: string;
	info: TaskBatchInfo;
	/** Index into BATCH_STATES of the current state. */
	step: number;
	inputs: string[];
	/** Uploaded files: decoded size and SHA-256 (hex) of each, in order. */
	files?: Array<{ file: string; bytes: number; sha256: string }>;
	source: 'files' | 's3' | 'azure-blob';
	location?: Location;
	webhookUrl?: string;
	tasks: TaskInfo[];
	timer?: NodeJS.Timeout;
	/** Epoch ms of each state change, by state name. */
	changedAt: Record<string, number>;
}

/**
 * The states a batch moves through. The first is what `POST /task_batches` answers (as in the
 * docs' example: `confirmed`, size 0, an estimated size); each change, including the first, is
 * delivered to the batch's webhook: three state changes, as the docs say is typical.
 */
export const BATCH_STATES = [
	{ state: 'confirmed', status: 'Pending', message: (b: BatchRecord) => `Task Batch received: ${b.info.estimated_size} task(s) estimated` },
	{ state: 'in_progress', status: 'In Progress', message: (b: BatchRecord) => `${b.info.size} task(s) generated and sent to experts` },
	{ state: 'completed', status: 'Completed', message: (b: BatchRecord) => `All ${b.info.size} task(s) completed` },
] as const;

export const FAILED_STATE = { state: 'failed', status: 'Failed' } as const;

export const DEFAULT_API_KEY = 'dev-recipe-key';

export const DEFAULT_TEMPLATES: ProcessingTemplateConfig[] = [
	{ id: 116, sequence: 1, type: 'CategorisationTemplate', instruction: 'Which kind of bird is this?', choices: ['Heron', 'Waterfowl', 'Bird', 'Crane Bird', 'Animal'], multiple_choices: false, options: null },
];

const ADJECTIVES = ['characteristic', 'curious', 'gentle', 'swift', 'quiet', 'bright', 'patient', 'brave'];
const NOUNS = ['bug', 'heron', 'otter', 'falcon', 'meadow', 'river', 'pebble', 'lantern'];
const VERBS = ['photographed', 'updated', 'stretched', 'sorted', 'painted', 'measured', 'labelled', 'counted'];

export const NO_BATCH = 'There is no Recipe or Task Batch with the provided ID';

export class ApresStore {
	readonly recipes = new Map<string, RecipeRecord>();
	readonly batches = new Map<string, BatchRecord>();
	private prng: Prng;
	/** Files "in" each cloud location, keyed `s3://bucket/prefix` or `azure://endpoint/container`. */
	readonly locationFiles = new Map<string, string[]>();

	constructor(
		private readonly recipeConfigs: readonly RecipeConfig[],
		private readonly seed: Seed,
	) {
		this.prng = new Prng(seed);
		this.clear();
	}

	clear(): void {
		for (const batch of this.batches.values()) clearTimeout(batch.timer);
		this.batches.clear();
		this.recipes.clear();
		this.locationFiles.clear();
		this.prng = new Prng(this.seed);
		for (const config of this.recipeConfigs) this.addRecipe(config);
	}

	stopTimers(): void {
		for (const batch of this.batches.values()) {
			clearTimeout(batch.timer);
			batch.timer = undefined;
		}
	}

	uuid(): string {
		// Shaped like the docs' time-based UUIDs (version 1, "11e9").
		return `${this.prng.hex(8)}-${this.prng.hex(4)}-11e9-${(0x8000 | (this.prng.nextUint32() & 0x3fff)).toString(16)}-${this.prng.hex(12)}`;
	}

	addRecipe(config: RecipeConfig): RecipeRecord {
		if (!config.apiKey) throw new HttpError(400, 'apiKey is required');
		const now = new Date().toISOString();
		const record: RecipeRecord = {
			apiKey: config.apiKey,
			info: {
				id: config.id ?? this.uuid(),
				name: config.name ?? 'Image Classification Tester',
				status: config.status ?? 'Enabled',
				created_at: now,
				updated_at: now,
				processing_templates: structuredClone(config.processing_templates ?? DEFAULT_TEMPLATES),
			},
			loaded: [],
			hasGoldenSet: false,
		};
		this.recipes.set(config.apiKey, record);
		return record;
	}

	recipeByKey(apiKey: string): RecipeRecord | undefined {
		return this.recipes.get(apiKey);
	}

	recipeById(id: string): RecipeRecord | undefined {
		return [...this.recipes.values()].find((r) => r.info.id === id);
	}

	/** A batch of this recipe, or 404 (another recipe's batch is not found either). */
	getBatch(recipe: RecipeRecord, id: string, message = NO_BATCH): BatchRecord {
		const batch = this.batches.get(id);
		if (!batch || batch.recipeId !== recipe.info.id) throw new HttpError(404, message);
		return batch;
	}

	batchById(id: string): BatchRecord {
		const batch = this.batches.get(id);
		if (!batch) throw notFound(`no task batch ${id}`);
		return batch;
	}

	listBatches(recipe: RecipeRecord): BatchRecord[] {
		return [...this.batches.values()].filter((b) => b.recipeId === recipe.info.id);
	}

	slug(): string {
		const pick = (words: string[]) => words[this.prng.nextUint32() % words.length];
		return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${pick(VERBS)}`;
	}

	/** The files a location holds: set through the admin API, else a deterministic 3-8 images. */
	filesAt(location: Location): string[] {
		const key = locationKey(location);
		const known = this.locationFiles.get(key);
		if (known) return [...known];
		const count = 3 + Math.floor(unitHash(key) * 6);
		const prefix = location.type === 's3' ? (location.prefix ?? '') : '';
		return Array.from({ length: count }, (_, i) => `${prefix}image-${String(i + 1).padStart(3, '0')}.jpg`);
	}
}

export function locationKey(location: Location): string {
	return location.type === 's3' ? `s3://${location.bucket_name}/${location.prefix ?? ''}` : `azure://${location.blob_endpoint.replace(/\/+$/, '')}/${location.container}`;
}

export function inputType(file: string): string {
	const ext = file.toLowerCase().split('.').pop() ?? '';
	if (['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'tif', 'tiff'].includes(ext)) return 'image';
	if (['mp4', 'mov', 'avi', 'mkv', 'webm'].includes(ext)) return 'video';
	if (['mp3', 'wav', 'flac', 'ogg', 'm4a'].includes(ext)) return 'audio';
	if (['pdf', 'doc', 'docx'].includes(ext)) return 'document';
	if (['txt', 'csv', 'json', 'md'].includes(ext)) return 'text';
	return 'file';
}

/** Deterministic expert answers: one choice per categorisation template (two for multiple choice). */
export function answerFor(recipe: RecipeInfo, input: string): string[] {
	const out: string[] = [];
	for (const template of [...recipe.processing_templates].sort((a, b) => a.sequence - b.sequence)) {
		const choices = template.choices ?? [];
		if (choices.length === 0) {
			out.push(`${template.type}: ${input}`);
			continue;
		}
		const first = Math.floor(unitHash(`${template.id}|${input}`) * choices.length);
		out.push(choices[first]);
		if (template.multiple_choices && choices.length > 1 && unitHash(`${input}|${template.id}|2`) < 0.5) out.push(choices[(first + 1) % choices.length]);
	}
	return out;
}

export function consensusScore(input: string): number {
	return Math.round(unitHash(`consensus|${input}`) * 100) / 100;
}

export function unprocessable(message: string): HttpError {
	return new HttpError(422, message);
}

export function unauthorizedRecipe(): HttpError {
	return new HttpError(401, 'Unauthorized request for recipe');
}

