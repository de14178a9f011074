import { HttpError } from '../core';
import {
	answerFor,
	BATCH_STATES,
	consensusScore,
	FAILED_STATE,
	inputType,
	type ApresStore,
	type BatchRecord,
	type Location,
	type RecipeRecord,
	type TaskInfo,
} from './store';
import type { WebhookSender } from './webhooks';

export interface LifecycleOptions {
	/**
	 * Milliseconds between state changes (confirmed -> in_progress -> completed). 0 means batches
	 * only move through `POST /__emulator/apres/task_batches/<id>/advance` (or `control.advance`).
	 */
	stepMs: number;
	/** Price per completed task (default 0.04). */
	pricePerTask: number;
}

export interface NewBatch {
	inputs: string[];
	files?: BatchRecord['files'];
	source: BatchRecord['source'];
	location?: Location;
	webhookUrl?: string;
	deliveryTimeframe: number;
	deliveryUnits: string;
}

/** Creates batches and moves them through their states over time, announcing each change. */
export class BatchLifecycle {
	constructor(
		private readonly store: ApresStore,
		private readonly webhooks: WebhookSender,
		public options: LifecycleOptions,
	) {}

	create(recipe: RecipeRecord, input: NewBatch): BatchRecord {
		const now = Date.now();
		const iso = new Date(now).toISOString();
		const first = BATCH_STATES[0];
		const batch: BatchRecord = {
			recipeId: recipe.info.id,
			info: {
				id: this.store.uuid(),
				created_at: iso,
				updated_at: iso,
				size: 0,
				status: first.status,
				price: 0,
				state: first.state,
				estimated_size: input.inputs.length,
				estimated_data_points: input.inputs.length,
				slug: this.store.slug(),
				mode: 'default',
				delivery_timeframe: input.deliveryTimeframe,
				delivery_units: input.deliveryUnits,
				sandbox: false,
			},
			step: 0,
			inputs: input.inputs,
			files: input.files,
			source: input.source,
			location: input.location,
			webhookUrl: input.webhookUrl,
			tasks: [],
			changedAt: { [first.state]: now },
		};
		this.store.batches.set(batch.info.id, batch);
		this.announce(batch, first.message(batch));
		this.schedule(batch);
		return batch;
	}

	private schedule(batch: BatchRecord): void {
		clearTimeout(batch.timer);
		batch.timer = undefined;
		if (this.options.stepMs <= 0 || this.isFinal(batch)) return;
		batch.timer = setTimeout(() => {
			batch.timer = undefined;
			if (this.store.batches.get(batch.info.id) === batch) this.advance(batch);
		}, this.options.stepMs);
		batch.timer.unref();
	}

	isFinal(batch: BatchRecord): boolean {
		return batch.info.state === FAILED_STATE.state || batch.step >= BATCH_STATES.length - 1;
	}

	/** Moves a batch to its next state now (generating or completing its tasks). */
	advance(batch: BatchRecord): BatchRecord {
		if (this.isFinal(batch)) throw new HttpError(409, `task batch ${batch.info.id} is already ${batch.info.state}`);
		batch.step++;
		const next = BATCH_STATES[batch.step];
		const now = Date.now();
		const iso = new Date(now).toISOString();
		const recipe = this.store.recipeById(batch.recipeId);
		if (next.state === 'in_progress') {
			// Tasks are generated asynchronously: size goes from 0 to the real count only now.
			batch.tasks = batch.inputs.map((input): TaskInfo => ({
				id: this.store.uuid(),
				status: 'Pending',
				created_at: iso,
				updated_at: iso,
				input,
				output: null,
				feedback: null,
				state: 'pending',
				input_type: inputType(input),
				consensus_score: 0,
				responses_with_confidence: null,
			}));
			batch.info.size = batch.tasks.length;
		} else if (next.state === 'completed') {
			for (const task of batch.tasks) {
				task.status = 'Completed';
				task.state = 'completed';
				task.updated_at = iso;
				task.output = recipe ? answerFor(recipe.info, task.input) : [];
				task.consensus_score = consensusScore(task.input);
			}
			batch.info.price = Math.round(batch.tasks.length * this.options.pricePerTask * 100) / 100;
		}
		batch.info.state = next.state;
		batch.info.status = next.status;
		batch.info.updated_at = iso;
		batch.changedAt[next.state] = now;
		this.announce(batch, next.message(batch));
		this.schedule(batch);
		return batch;
	}

	/** Fails a batch (admin): state `failed`, announced like any other change. */
	fail(batch: BatchRecord, message = 'The Task Batch could not be processed'): BatchRecord {
		if (this.isFinal(batch)) throw new HttpError(409, `task batch ${batch.info.id} is already ${batch.info.state}`);
		clearTimeout(batch.timer);
		batch.timer = undefined;
		const now = Date.now();
		batch.info.state = FAILED_STATE.state;
		batch.info.status = FAILED_STATE.status;
		batch.info.updated_at = new Date(now).toISOString();
		batch.changedAt[FAILED_STATE.state] = now;
		this.announce(batch, message);
		return batch;
	}

	/** Sends the batch's current state to its webhook again (what a provider's retry looks like). */
	redeliver(batch: BatchRecord, message?: string): void {
		if (!batch.webhookUrl) throw new HttpError(409, `task batch ${batch.info.id} has no webhook_url`);
		this.webhooks.send(batch.webhookUrl, { state: batch.info.state, message: message ?? `State: ${batch.info.state}`, recipe_id: batch.recipeId, task_batch_id: batch.info.id });
	}

	private announce(batch: BatchRecord, message: string): void {
		if (batch.webhookUrl) this.webhooks.send(batch.webhookUrl, { state: batch.info.state, message, recipe_id: batch.recipeId, task_batch_id: batch.info.id });
	}
}

function words(seconds: number): string {
	if (seconds < 60) return `${Math.round(seconds)} seconds`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
	const hours = Math.round(minutes / 60);
	if (hours < 48) return hours === 1 ? 'about 1 hour' : `about ${hours} hours`;
	return `${Math.round(hours / 24)} days`;
}

/** The documented statistics of a batch's output, computed from its timeline and tasks. */
export function statistics(batch: BatchRecord): Array<{ name: string; value: number | string }> {
	const created = batch.changedAt.confirmed;
	const started = batch.changedAt.in_progress;
	const finished = batch.changedAt.completed ?? batch.changedAt.failed;
	const done = batch.tasks.filter((t) => t.state === 'completed');
	const seconds = (to: number | undefined) => (to === undefined ? 0 : Math.round((to - created) / 10) / 100);
	const elapsed = seconds(finished ?? Date.now());
	const processing = started !== undefined && finished !== undefined && done.length ? Math.round(((finished - started) / 1000 / done.length) * 100) / 100 : 0;
	const consensus = done.filter((t) => t.consensus_score >= 0.5).length;
	return [
		{ name: 'Successful Tasks', value: done.length },
		{ name: 'Failed Tasks', value: batch.info.state === FAILED_STATE.state ? batch.tasks.length - done.length : 0 },
		{ name: 'Elapsed Time', value: elapsed },
		{ name: 'Elapsed Time (in words)', value: words(elapsed) },
		{ name: 'Time to Start Processing Tasks', value: seconds(started) },
		{ name: 'Average Processing Time', value: processing },
		{ name: 'Tasks with Expert Consensus', value: consensus },
		{ name: 'Tasks without Expert Consensus', value: done.length - consensus },
		{ name: 'Time to First Results', value: seconds(batch.changedAt.completed) },
	];
}

/** Where an input "lives" once uploaded (the docs show Apres's S3 data_in URLs). */
export function inputUrl(origin: string, batch: BatchRecord, input: string): string {
	if (batch.location?.type === 's3') return `https://s3.${batch.location.region}.amazonaws.com/${batch.location.bucket_name}/${input.split('/').map(encodeURIComponent).join('/')}`;
	if (batch.location?.type === 'azure-blob') return `${batch.location.blob_endpoint.replace(/\/+$/, '')}/${batch.location.container}/${input.split('/').map(encodeURIComponent).join('/')}`;
	return `${origin}/data_in/${batch.recipeId}/${encodeURIComponent(batch.info.created_at)}/${encodeURIComponent(input)}`;
}

export function outputCsvPath(batch: BatchRecord): string {
	return `/data_out/${batch.recipeId}/task_batches/${batch.info.id}/output.csv`;
}

export interface OutputRowInfo {
	task_id: string;
	input: string;
	output: string[];
	status: string;
	consensus_score: number;
}

/** The json rows of a batch's output: one per completed task. */
export function outputRows(origin: string, batch: BatchRecord): OutputRowInfo[] {
	return batch.tasks
		.filter((t) => t.state === 'completed')
		.map((t) => ({ task_id: t.id, input: inputUrl(origin, batch, t.input), output: t.output ?? [], status: t.status, consensus_score: t.consensus_score }));
}

function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The output as the CSV file Apres hosts: task_id, input, output, status, consensus_score. */
export function outputCsv(origin: string, batch: BatchRecord): string {
	const lines = ['task_id,input,output,status,consensus_score'];
	for (const row of outputRows(origin, batch)) lines.push([row.task_id, row.input, row.output.join('|'), row.status, String(row.consensus_score)].map(csvField).join(','));
	return `${lines.join('\r\n')}\r\n`;
}
