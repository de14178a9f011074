import type { Context } from '@temporalio/activity';
import { ThrottledHeartbeat } from '../../activities/shared/throttledHeartbeat';

/** Just what ThrottledHeartbeat uses of an activity context: the heartbeat timeout and heartbeat(). */
function fakeContext(heartbeatTimeoutMs?: number): { ctx: Context; sent: unknown[] } {
	const sent: unknown[] = [];
	const ctx = { info: { heartbeatTimeoutMs }, heartbeat: (details: unknown) => sent.push(details) } as unknown as Context;
	return { ctx, sent };
}

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

test('sends the first checkpoint at once, then the newest one at the end of each 200 ms interval', () => {
	const { ctx, sent } = fakeContext(60_000);
	const beats = new ThrottledHeartbeat<number>(ctx);
	beats.beat(1);
	for (let n = 2; n <= 10; n++) beats.beat(n);
	expect(sent).toEqual([1]);
	jest.advanceTimersByTime(199);
	expect(sent).toEqual([1]);
	jest.advanceTimersByTime(1);
	expect(sent).toEqual([1, 10]);
	// Nothing newer: nothing more is sent.
	jest.advanceTimersByTime(1000);
	expect(sent).toEqual([1, 10]);
	// A checkpoint after a quiet interval goes at once.
	beats.beat(11);
	expect(sent).toEqual([1, 10, 11]);
});

test('a short heartbeat timeout shortens the interval to a tenth of it', () => {
	const { ctx, sent } = fakeContext(500);
	const beats = new ThrottledHeartbeat<string>(ctx);
	beats.beat('a');
	beats.beat('b');
	jest.advanceTimersByTime(50);
	expect(sent).toEqual(['a', 'b']);
});

test('flush hands over the checkpoint still held back and stops the timer', () => {
	const { ctx, sent } = fakeContext(60_000);
	const beats = new ThrottledHeartbeat<number>(ctx);
	beats.beat(1);
	beats.beat(2);
	beats.flush();
	expect(sent).toEqual([1, 2]);
	jest.advanceTimersByTime(1000);
	expect(sent).toEqual([1, 2]);
	beats.flush();
	expect(sent).toEqual([1, 2]);
});
