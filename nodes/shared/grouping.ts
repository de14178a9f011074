import type { INode } from 'n8n-workflow';
import { ValidationError, type ValidationIssue } from '../../clients/core';
import { toNodeError } from './errors';
import type { BatchOutcome } from './router';

export interface ReadItem<T> {
	value: T;
	/** Problems found in the item; a non-empty list keeps it out of every group. */
	issues: ValidationIssue[];
	/** Items whose keys are equal are sent together (e.g. same dataset and model version). */
	key?: string;
}

export interface ItemGroup<T> {
	key: string;
	values: T[];
	/** Input item index of each value, in order. */
	indices: number[];
}

/**
 * The first half of every batch operation: reads and validates all input items, then groups the
 * valid ones by key so each group goes out in as few requests as the API allows. Without
 * continueOnFail, any invalid item stops the node before the first request, with one error that
 * names every bad item and field; with it, each invalid item becomes its own error outcome.
 */
export async function readAndGroup<T>(
	count: number,
	read: (itemIndex: number) => ReadItem<T> | Promise<ReadItem<T>>,
	where: { node: INode; platform: string; operation: string; continueOnFail: boolean },
): Promise<{ groups: Array<ItemGroup<T>>; outcomes: BatchOutcome[] }> {
	const groups = new Map<string, ItemGroup<T>>();
	const outcomes: BatchOutcome[] = [];
	const issues: ValidationIssue[] = [];
	for (let i = 0; i < count; i++) {
		let item: ReadItem<T>;
		try {
			// Await only what is really asynchronous (e.g. the first lookup of a source): an `await`
			// per item costs a microtask turn each, which adds up over tens of thousands of items.
			const result = read(i);
			item = isPromise(result) ? await result : result;
		} catch (error) {
			// e.g. a source named by ID that does not exist: this item only.
			if (!where.continueOnFail) throw toNodeError(where.node, error, i);
			outcomes.push({ error, itemIndex: i });
			continue;
		}
		if (item.issues.length) {
			issues.push(...item.issues);
			outcomes.push({ error: new ValidationError(item.issues, where.platform, where.operation), itemIndex: i });
			continue;
		}
		const key = item.key ?? '';
		let group = groups.get(key);
		if (!group) groups.set(key, (group = { key, values: [], indices: [] }));
		group.values.push(item.value);
		group.indices.push(i);
	}
	if (issues.length && !where.continueOnFail) throw new ValidationError(issues, where.platform, where.operation);
	return { groups: [...groups.values()], outcomes };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
	return typeof (value as Promise<T> | undefined)?.then === 'function';
}
