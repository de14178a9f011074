import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';

/**
 * Streaming helpers for the results of a large task batch: Apres answers the task list and the
 * output (`{json: [...], csv, statistics}`) in one response each, one entry per file of the batch.
 * Both go to disk as they arrive and are read back one entry at a time, so the worker's memory
 * stays flat whatever the batch size.
 */

enum Scan {
	/** Before the object's `{`. */
	Start,
	/** Inside the object, before a member's key (or the closing `}`). */
	Member,
	Key,
	/** After a key, before `:`. */
	Colon,
	/** After `:`, before the value's first character. */
	ValueStart,
	Value,
	/** After the closing `}`. */
	End,
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Largest text kept for a member other than `key` (statistics, URLs); larger ones are dropped. */
const MAX_SMALL_MEMBER_CHARS = 1024 * 1024;

/**
 * Copies the value of the top-level member `key` of the JSON object in `source` to `target` as it
 * is read (`[]` when the member is absent or not an array), and returns the object's other
 * members, parsed. A scanner tracks strings and nesting; nothing but the small members is held.
 * Throws when `source` is not a complete JSON object.
 */
export async function splitJsonMember(source: string, key: string, target: string): Promise<Record<string, unknown>> {
	const out = createWriteStream(target, { highWaterMark: 1024 * 1024 });
	const write = async (text: string) => {
		if (text && !out.write(text)) await once(out, 'drain');
	};
	const others: Record<string, unknown> = {};
	let state = Scan.Start as Scan;
	let keyText = '';
	let keyEscaped = false;
	let member = '';
	let depth = 0;
	let inString = false;
	let escaped = false;
	let small: string[] | undefined;
	let smallChars = 0;
	let copying = false;
	let copied = false;
	let position = 0;
	/** In Member: a key may come (after `{` or `,`), rather than `,` or `}` (after a value). */
	let expectKey = true;
	let members = 0;

	const fail = (message: string): never => {
		throw new Error(`${source}: ${message}`);
	};
	const endValue = () => {
		if (small) {
			try {
				others[member] = JSON.parse(small.join(''));
			} catch {
				fail(`the value of "${member}" is not valid JSON`);
			}
		}
		small = undefined;
		copying = false;
		expectKey = false;
		members++;
		state = Scan.Member;
	};

	try {
		for await (const chunk of createReadStream(source, { encoding: 'utf8', highWaterMark: 256 * 1024 }) as AsyncIterable<string>) {
			let from = 0; // start of the value text not yet copied or kept, in this chunk
			let nextBackslash = -2; // at or after i in this chunk: -1 none left, -2 not looked for yet
			const keep = (end: number) => {
				const text = chunk.slice(from, end);
				if (copying) return write(text);
				if (small) {
					smallChars += text.length;
					if (smallChars > MAX_SMALL_MEMBER_CHARS) small = undefined;
					else small.push(text);
				}
				return undefined;
			};
			for (let i = position === 0 && chunk.charCodeAt(0) === 0xfeff ? 1 : 0; i < chunk.length; i++) {
				const c = chunk.charCodeAt(i);
				switch (state) {
					case Scan.Start:
						if (c === 0x7b /* { */) state = Scan.Member;
						else if (!isSpace(c)) fail('expected a JSON object');
						break;
					case Scan.Member:
						if (c === 0x22 /* " */ && expectKey) {
							state = Scan.Key;
							keyText = '';
							keyEscaped = false;
						} else if (c === 0x7d /* } */ && (!expectKey || members === 0)) state = Scan.End;
						else if (c === 0x2c /* , */ && !expectKey) expectKey = true;
						else if (!isSpace(c)) fail(`unexpected "${chunk[i]}" between members`);
						break;
					case Scan.Key:
						if (keyEscaped) keyEscaped = false;
						else if (c === 0x5c /* \ */) keyEscaped = true;
						else if (c === 0x22) {
							state = Scan.Colon;
							break;
						}
						keyText += chunk[i];
						break;
					case Scan.Colon:
						if (c === 0x3a /* : */) state = Scan.ValueStart;
						else if (!isSpace(c)) fail('expected ":" after a member name');
						break;
					case Scan.ValueStart:
						if (isSpace(c)) break;
						member = JSON.parse(`"${keyText}"`) as string;
						copying = member === key && c === 0x5b; /* [ */
						copied ||= copying;
						small = copying || member === key ? undefined : [];
						smallChars = 0;
						depth = 0;
						inString = false;
						escaped = false;
						state = Scan.Value;
						from = i;
					// falls through: this character is the value's first
					case Scan.Value:
						if (inString) {
							if (escaped) escaped = false;
							else {
								// Most of the text is string content: jump to the string's next quote or backslash.
								if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf('\\', i);
								const quote = chunk.indexOf('"', i);
								const stop = quote === -1 ? nextBackslash : nextBackslash === -1 ? quote : Math.min(quote, nextBackslash);
								i = stop === -1 ? chunk.length : stop;
								if (stop === -1) break;
								if (chunk.charCodeAt(i) === 0x5c) escaped = true;
								else inString = false;
							}
						} else if (c === 0x22) inString = true;
						else if (c === 0x7b || c === 0x5b) depth++;
						else if (c === 0x7d || c === 0x5d) {
							if (depth === 0) {
								// The object's `}` right after a scalar value.
								await keep(i);
								endValue();
								state = Scan.End;
							} else if (--depth === 0) {
								await keep(i + 1);
								endValue();
							}
						} else if (c === 0x2c && depth === 0) {
							// The `,` after a scalar value: the next member's key comes.
							await keep(i);
							endValue();
							expectKey = true;
						}
						break;
					case Scan.End:
						if (!isSpace(c)) fail('unexpected text after the JSON object');
						break;
				}
			}
			if (state === Scan.Value) await keep(chunk.length);
			position += chunk.length;
		}
		if (state !== Scan.End) fail('the JSON object is incomplete');
		if (!copied) await write('[]');
	} finally {
		out.end();
		await once(out, 'close').catch(() => undefined);
	}
	return others;
}

/**
 * Pairs each task with its output row (the same task id), reading both lists as streams of
 * chunks (one await per chunk, not per row). Apres sends them in the same order, so nothing is
 * held; output rows read ahead while looking for a task's row are kept until their task comes.
 * Yields the pairs `{task, out}` of each chunk of tasks (out undefined when the task has no output
 * row), then `{out}` for output rows that match no task.
 */
export async function* joinByTaskId<T extends { id: string }, O extends { task_id: string }>(
	tasks: AsyncIterable<readonly T[]>,
	outputs: AsyncIterator<readonly O[]>,
): AsyncGenerator<Array<{ task?: T; out?: O }>> {
	const ahead = new Map<string, O>();
	let pending: readonly O[] = [];
	let at = 0;
	let outputsDone = false;
	/** The next output row, or undefined once the outputs are exhausted. */
	const nextOutput = async (): Promise<O | undefined> => {
		while (at >= pending.length) {
			if (outputsDone) return undefined;
			const next = await outputs.next();
			if (next.done) outputsDone = true;
			else [pending, at] = [next.value, 0];
		}
		return pending[at++];
	};
	for await (const chunk of tasks) {
		const pairs: Array<{ task?: T; out?: O }> = [];
		for (const task of chunk) {
			let out = ahead.get(task.id);
			if (out) ahead.delete(task.id);
			while (!out) {
				// Most of the time the row is the next one, already in the current chunk: no await.
				const candidate = at < pending.length ? pending[at++] : await nextOutput();
				if (candidate === undefined) break;
				if (candidate.task_id === task.id) out = candidate;
				else ahead.set(candidate.task_id, candidate);
			}
			pairs.push({ task, out });
		}
		if (pairs.length) yield pairs;
	}
	const orphans: Array<{ out: O }> = [...ahead.values()].map((out) => ({ out }));
	for (let out = await nextOutput(); out !== undefined; out = await nextOutput()) orphans.push({ out });
	if (orphans.length) yield orphans;
}
