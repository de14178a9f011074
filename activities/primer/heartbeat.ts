import type { Context } from '@temporalio/activity';

/**
 * Keeps heartbeating `details` every `everyMs` while `work` runs: a single long request (a large
 * upload part, a download that takes a while to start) must not look like a dead worker.
 */
export async function heartbeatWhile<T>(ctx: Context, details: () => unknown, work: Promise<T>, everyMs = 10_000): Promise<T> {
	const timer = setInterval(() => ctx.heartbeat(details()), everyMs);
	try {
		return await work;
	} finally {
		clearInterval(timer);
	}
}
