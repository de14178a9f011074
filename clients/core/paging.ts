/**
 * Batching and pagination helpers, one per style the five platforms use:
 * - whole list in one response (re:infer),
 * - offset/limit with `has_more` (DeepOpinion),
 * - `next` URL (Luminoso Compass, DRF style),
 * plus splitting large inputs into requests no larger than an API's maximum.
 */

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** Groups any (async) iterable into arrays of at most `size`, without holding more than one chunk. */
export async function* chunksOf<T>(items: AsyncIterable<T> | Iterable<T>, size: number): AsyncGenerator<T[]> {
	let current: T[] = [];
	for await (const item of items) {
		current.push(item);
		if (current.length >= size) {
			yield current;
			current = [];
		}
	}
	if (current.length) yield current;
}

export interface OffsetPage<T> {
	items: T[];
	hasMore: boolean;
}

/** Walks an offset/limit API until `hasMore` is false or a page comes back empty. */
export async function* paginateOffset<T>(fetchPage: (offset: number, limit: number) => Promise<OffsetPage<T>>, pageSize: number, startOffset = 0): AsyncGenerator<T> {
	let offset = startOffset;
	for (;;) {
		const page = await fetchPage(offset, pageSize);
		yield* page.items;
		if (!page.hasMore || page.items.length === 0) return;
		offset += page.items.length;
	}
}

export interface NextUrlPage<T> {
	items: T[];
	next: string | null | undefined;
}

/** Follows `next` links until there are none. Guards against a server that repeats a link. */
export async function* paginateNextUrl<T>(first: () => Promise<NextUrlPage<T>>, fetchUrl: (url: string) => Promise<NextUrlPage<T>>): AsyncGenerator<T> {
	const seen = new Set<string>();
	let page = await first();
	for (;;) {
		yield* page.items;
		const next = page.next;
		if (!next || seen.has(next)) return;
		seen.add(next);
		page = await fetchUrl(next);
	}
}

/** Collects up to `limit` items (all when limit is undefined) from an async iterable, stopping early. */
export async function take<T>(items: AsyncIterable<T>, limit?: number): Promise<T[]> {
	const out: T[] = [];
	if (limit !== undefined && limit <= 0) return out;
	for await (const item of items) {
		out.push(item);
		if (limit !== undefined && out.length >= limit) break;
	}
	return out;
}

/** Runs `task` over `inputs` with at most `concurrency` in flight, preserving result order. */
export async function mapConcurrent<I, O>(inputs: readonly I[], concurrency: number, task: (input: I, index: number) => Promise<O>): Promise<O[]> {
	const results = new Array<O>(inputs.length);
	let next = 0;
	const workers = Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	});
	await Promise.all(workers);
	return results;
}
