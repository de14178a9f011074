import type { Context } from '@temporalio/activity';

/**
 * Keeps heartbeating `details` while `work` runs: a single long request (a large upload part, a
 * download that takes a while to start) must not look like a dead worker. Every `everyMs`, by
 * default 10 s or a third of the activity's heartbeat timeout when that is shorter.
 */
export async function heartbeatWhile<T>(ctx: Context, details: () => unknown, work: Promise<T>, everyMs = Math.min(10_000, Math.max(100, (ctx.info.heartbeatTimeoutMs || Infinity) / 3))): Promise<T> {
	const timer = setInterval(() => ctx.heartbeat(details()), everyMs);
	try {
		return await work;
	} finally {
		clearInterval(timer);
	}
}
