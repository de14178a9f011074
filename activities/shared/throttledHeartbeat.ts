import type { Context } from '@temporalio/activity';

/** At most this long between handing the newest details to the SDK (capped at a tenth of the heartbeat timeout). */
const MAX_INTERVAL_MS = 200;

/**
 * Heartbeats for a loop that reaches a checkpoint many times a second (a batch posted every few
 * milliseconds): the newest details go to the SDK at most every `intervalMs`, the latest one of an
 * interval at its end, so nothing is held back longer than that.
 *
 * Why: every `heartbeat()` call is converted, encrypted by the payload codec and handed to the
 * native worker, which itself sends only one heartbeat per 80% of the heartbeat timeout to the
 * server. Calling it for every batch costs the worker about as much CPU as building the batch,
 * for details that are overwritten before they leave the process. At most `intervalMs` (well
 * under the server's own throttling) is added to how far a checkpoint can lag behind.
 */
export class ThrottledHeartbeat<T> {
	private readonly intervalMs: number;
	private lastSent = 0;
	private pending?: { details: T };
	private timer?: NodeJS.Timeout;

	constructor(private readonly ctx: Context) {
		const timeout = ctx.info.heartbeatTimeoutMs;
		this.intervalMs = timeout ? Math.min(MAX_INTERVAL_MS, Math.floor(timeout / 10)) : MAX_INTERVAL_MS;
	}

	/** Records `details` as the newest checkpoint; sends it now, or at the end of the current interval. */
	beat(details: T): void {
		const wait = this.lastSent + this.intervalMs - Date.now();
		if (wait <= 0) {
			this.send(details);
			return;
		}
		this.pending = { details };
		this.timer ??= setTimeout(() => {
			this.timer = undefined;
			if (this.pending) this.send(this.pending.details);
		}, wait);
	}

	/** Sends the newest checkpoint if it is still held back, and stops the timer (the attempt is ending). */
	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (this.pending) this.send(this.pending.details);
	}

	private send(details: T): void {
		this.pending = undefined;
		this.lastSent = Date.now();
		this.ctx.heartbeat(details);
	}
}
