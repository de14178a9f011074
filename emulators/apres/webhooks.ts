import http from 'node:http';
import https from 'node:https';
import { Prng, type Seed } from '../core';

/** What the emulator POSTs to a batch's webhook_url on each state change. */
export interface WebhookPayload {
	state: string;
	message: string;
	recipe_id: string;
	task_batch_id: string;
}

export interface WebhookDelivery {
	task_batch_id: string;
	state: string;
	url: string;
	at: string;
	/** 1 for the first try. */
	attempt: number;
	/** The receiver's HTTP status, when it answered. */
	status?: number;
	/** Network failure, when it did not. */
	error?: string;
	/** Not sent because the drop policy said so ("webhooks lost"). */
	dropped?: boolean;
}

export interface WebhookPolicy {
	/** Drop deliveries: true (all), false (none) or a rate in [0, 1] (seeded). */
	drop: boolean | number;
	/** Attempts per state change when the receiver fails (network error or 5xx); default 4. */
	attempts: number;
	/** Delay before retry n is `retryDelayMs * n` (default 250). */
	retryDelayMs: number;
	timeoutMs: number;
}

export const DEFAULT_WEBHOOK_POLICY: WebhookPolicy = { drop: false, attempts: 4, retryDelayMs: 250, timeoutMs: 5_000 };

/**
 * Delivers webhooks in order per batch (a batch's state changes never overtake each other), with
 * retries for 5xx and network failures, an optional drop policy, and a log of every attempt.
 */
export class WebhookSender {
	readonly log: WebhookDelivery[] = [];
	policy: WebhookPolicy = { ...DEFAULT_WEBHOOK_POLICY };
	private prng: Prng;
	private readonly queues = new Map<string, Promise<void>>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly requests = new Set<http.ClientRequest>();
	private closed = false;

	constructor(private readonly seed: Seed) {
		this.prng = new Prng(seed);
	}

	reset(): void {
		this.cancelAll();
		this.closed = false;
		this.log.length = 0;
		this.policy = { ...DEFAULT_WEBHOOK_POLICY };
		this.prng = new Prng(this.seed);
	}

	cancelAll(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const request of this.requests) request.destroy();
		this.requests.clear();
		this.queues.clear();
	}

	close(): void {
		this.closed = true;
		this.cancelAll();
	}

	/** Deliveries still queued or in flight, for tests that wait for quiet. */
	async idle(): Promise<void> {
		while (this.queues.size) await Promise.all([...this.queues.values()]);
	}

	send(url: string, payload: WebhookPayload): void {
		const key = payload.task_batch_id;
		const previous = this.queues.get(key) ?? Promise.resolve();
		const next = previous.then(() => this.deliver(url, payload)).catch(() => undefined);
		this.queues.set(key, next);
		void next.then(() => {
			if (this.queues.get(key) === next) this.queues.delete(key);
		});
	}

	private shouldDrop(): boolean {
		const { drop } = this.policy;
		if (typeof drop === 'boolean') return drop;
		return drop > 0 && (drop >= 1 || this.prng.next() < drop);
	}

	private async deliver(url: string, payload: WebhookPayload): Promise<void> {
		const entry = (extra: Partial<WebhookDelivery>, attempt: number): WebhookDelivery => ({ task_batch_id: payload.task_batch_id, state: payload.state, url, at: new Date().toISOString(), attempt, ...extra });
		if (this.shouldDrop()) {
			this.log.push(entry({ dropped: true }, 1));
			return;
		}
		for (let attempt = 1; attempt <= this.policy.attempts && !this.closed; attempt++) {
			try {
				const status = await this.post(url, payload);
				this.log.push(entry({ status }, attempt));
				if (status < 500) return;
			} catch (error) {
				if (this.closed) return;
				this.log.push(entry({ error: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, attempt));
			}
			if (attempt < this.policy.attempts) await this.pause(this.policy.retryDelayMs * attempt);
		}
	}

	private pause(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			timer.unref();
			this.timers.add(timer);
		});
	}

	private post(url: string, payload: WebhookPayload): Promise<number> {
		const body = JSON.stringify(payload);
		const target = new URL(url);
		const transport = target.protocol === 'https:' ? https : http;
		return new Promise((resolve, reject) => {
			const request = transport.request(
				target,
				{ method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'apres-emulator' }, timeout: this.policy.timeoutMs, agent: false },
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
					response.on('error', reject);
				},
			);
			this.requests.add(request);
			request.on('close', () => this.requests.delete(request));
			request.on('timeout', () => request.destroy(Object.assign(new Error('webhook timed out'), { code: 'ETIMEDOUT' })));
			request.on('error', reject);
			request.end(body);
		});
	}
}
