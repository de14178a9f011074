import { Context } from '@temporalio/activity';

/**
 * Runs `work` while heartbeating (a third of the heartbeat timeout apart), so that a worker that
 * dies in the middle of a long upload or a slow answer is noticed after the heartbeat timeout
 * rather than the start-to-close timeout. Without a heartbeat timeout it just runs `work`.
 * `details` gives the checkpoint each heartbeat carries (a heartbeat replaces the last details).
 */
export async function heartbeating<T>(work: () => Promise<T>, details?: () => unknown): Promise<T> {
	const ctx = Context.current();
	const timeout = ctx.info.heartbeatTimeoutMs;
	if (!timeout) return work();
	const timer = setInterval(() => ctx.heartbeat(details?.()), Math.max(100, Math.floor(timeout / 3)));
	try {
		return await work();
	} finally {
		clearInterval(timer);
	}
}
