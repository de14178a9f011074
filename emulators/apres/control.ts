import { outputRows, statistics, type BatchLifecycle } from './batches';
import { locationKey, type ApresStore, type BatchRecord, type LoadedBatch, type Location, type RecipeConfig, type RecipeInfo, type TaskBatchInfo, type TaskInfo } from './store';
import type { WebhookDelivery, WebhookPolicy, WebhookSender } from './webhooks';

export interface BatchState extends TaskBatchInfo {
	recipe_id: string;
	source: BatchRecord['source'];
	inputs: string[];
	/** Uploaded files: decoded size and SHA-256 of each. */
	files?: Array<{ file: string; bytes: number; sha256: string }>;
	/** The location, with an Azure SAS token masked. */
	location?: Record<string, unknown>;
	webhook_url?: string;
	tasks: TaskInfo[];
}

export interface RecipeState extends RecipeInfo {
	api_key: string;
	has_golden_set: boolean;
	loaded_batches: LoadedBatch[];
}

export interface ApresState {
	recipes: RecipeState[];
	task_batches: BatchState[];
	webhooks: { policy: WebhookPolicy; deliveries: number };
	step_ms: number;
}

/** Programmatic inspection and control of the emulated platform; the admin routes use it too. */
export class ApresControl {
	constructor(
		private readonly store: ApresStore,
		private readonly lifecycle: BatchLifecycle,
		private readonly webhookSender: WebhookSender,
	) {}

	recipes(): RecipeState[] {
		return [...this.store.recipes.values()].map((r) => ({ ...structuredClone(r.info), api_key: r.apiKey, has_golden_set: r.hasGoldenSet, loaded_batches: structuredClone(r.loaded) }));
	}

	recipe(apiKey: string): RecipeState | undefined {
		return this.recipes().find((r) => r.api_key === apiKey);
	}

	addRecipe(config: RecipeConfig): RecipeState {
		const record = this.store.addRecipe(config);
		return this.recipe(record.apiKey)!;
	}

	batches(): BatchState[] {
		return [...this.store.batches.values()].map(describe);
	}

	batch(id: string): BatchState {
		return describe(this.store.batchById(id));
	}

	/** Moves a batch to its next state now (confirmed -> in_progress -> completed). */
	advance(id: string): BatchState {
		return describe(this.lifecycle.advance(this.store.batchById(id)));
	}

	/** Moves a batch through all its remaining states now. */
	complete(id: string): BatchState {
		const batch = this.store.batchById(id);
		while (!this.lifecycle.isFinal(batch)) this.lifecycle.advance(batch);
		return describe(batch);
	}

	fail(id: string, message?: string): BatchState {
		return describe(this.lifecycle.fail(this.store.batchById(id), message));
	}

	/** Sends the batch's current state to its webhook again. */
	redeliver(id: string, message?: string): void {
		this.lifecycle.redeliver(this.store.batchById(id), message);
	}

	/** The json rows and statistics of a batch's output, as the API would answer them. */
	output(id: string, origin = 'http://emulator') {
		const batch = this.store.batchById(id);
		return { json: outputRows(origin, batch), statistics: statistics(batch) };
	}

	/** Time between automatic state changes; 0 = batches only move through `advance`. */
	setStepMs(ms: number): void {
		this.lifecycle.options.stepMs = ms;
	}

	setLocationFiles(location: Location, files: string[]): void {
		this.store.locationFiles.set(locationKey(location), [...files]);
	}

	webhookDeliveries(): WebhookDelivery[] {
		return structuredClone(this.webhookSender.log);
	}

	setWebhookPolicy(policy: Partial<WebhookPolicy>): WebhookPolicy {
		this.webhookSender.policy = { ...this.webhookSender.policy, ...policy };
		return { ...this.webhookSender.policy };
	}

	/** Resolves once no webhook delivery is queued or in flight. */
	webhooksIdle(): Promise<void> {
		return this.webhookSender.idle();
	}

	state(): ApresState {
		return {
			recipes: this.recipes(),
			task_batches: this.batches(),
			webhooks: { policy: { ...this.webhookSender.policy }, deliveries: this.webhookSender.log.length },
			step_ms: this.lifecycle.options.stepMs,
		};
	}
}

function describe(batch: BatchRecord): BatchState {
	const location = batch.location && (batch.location.type === 'azure-blob' ? { ...batch.location, sas_token: '***' } : { ...batch.location });
	return {
		...structuredClone(batch.info),
		recipe_id: batch.recipeId,
		source: batch.source,
		inputs: [...batch.inputs],
		...(batch.files ? { files: structuredClone(batch.files) } : {}),
		...(location ? { location } : {}),
		...(batch.webhookUrl ? { webhook_url: batch.webhookUrl } : {}),
		tasks: structuredClone(batch.tasks),
	};
}
