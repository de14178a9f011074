import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { MAX_SYNC_BATCH, validateComment, withHexId, type ReinferClient } from '../../../../clients/reinfer';
import { readAndGroup } from '../../../shared/grouping';
import { toNodeError } from '../../../shared/errors';
import type { BatchOutcome } from '../../../shared/router';
import { itemParameter } from '../../../shared/parameters';
import { sourceLocator, sourceOwnerName, toSourceRef, type OwnerName } from '../common';
import { messageInputProperties, messageReaders } from '../messageInput';

const properties: INodeProperties[] = [
	sourceLocator({ description: 'The source to add the comments to' }),
	...messageInputProperties('comment'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_SYNC_BATCH },
				default: MAX_SYNC_BATCH,
				description: 'Comments per request (re:infer accepts at most 1024; larger batches are faster)',
			},
			{
				displayName: 'Hex-Encode IDs',
				name: 'hexEncodeIds',
				type: 'boolean',
				default: false,
				description: 'Whether to convert IDs that are not hexadecimal into hex and keep the original in the user property "string:original_id"',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['comment'], operation: ['sync'] } }, properties);

/**
 * Creates or updates the comments of all input items, batched up to 1024 per request. Every item
 * is validated before the first request; invalid items stop the node (or, with Continue On Fail,
 * are reported while the valid ones are synced). Output: one summary item per source.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: ReinferClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const { hexEncodeIds = false, batchSize = MAX_SYNC_BATCH } = this.getNodeParameter('options', 0, {}) as { hexEncodeIds?: boolean; batchSize?: number };
	const read = messageReaders(this, items);
	const sourceFor = sourceResolver(client, itemParameter<SourceLocator>(this, items, 'source'));
	const { groups, outcomes } = await readAndGroup(
		items.length,
		(i) => {
			const raw = read.comment(i);
			const comment = hexEncodeIds ? withHexId(raw) : raw;
			const issues = validateComment(comment, i);
			if (issues.length) return { value: { comment, source: { owner: '', name: '' } }, issues };
			// Synchronous for every item once its source is known: no microtask turn per item.
			const target = sourceFor(i);
			if (!(target instanceof Promise)) return { value: { comment, source: target.source }, issues, key: target.key };
			return target.then(({ source, key }) => ({ value: { comment, source }, issues, key }));
		},
		{ node: this.getNode(), platform: 're:infer', operation: 'syncComments', continueOnFail },
	);

	for (const { key, values, indices } of groups) {
		const { owner, name } = values[0].source;
		const comments = values.map((v) => v.comment);
		let accepted = 0;
		try {
			const summary = await client.syncComments(owner, name, comments, {
				batchSize,
				// Every comment passed validateComment above, where errors can name the input item.
				prevalidated: true,
				onBatch: ({ size }) => (accepted += size),
			});
			outcomes.push({ json: { source: key, synced: comments.length, ...summary }, pairedItems: indices });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, indices[0]);
			nodeError.description = [
				nodeError.description,
				`${accepted} of ${comments.length} comments for ${key} were accepted before the failure; sync is an upsert by id, so running it again is safe.`,
			]
				.filter(Boolean)
				.join('\n');
			if (!continueOnFail) throw nodeError;
			outcomes.push(...indices.map((itemIndex) => ({ error: nodeError, itemIndex })));
		}
	}
	return outcomes;
}

type SourceLocator = { mode: string; value: string };

/** A resolved source and its group key (`owner/name`). */
interface SourceTarget {
	source: OwnerName;
	key: string;
}

/**
 * Resolves each item's source once per distinct locator (a source picked by ID costs one lookup
 * for all items that name it). A locator without an expression is the very same object for every
 * item, so after the first item it is answered without parsing or building a key; otherwise
 * resolved sources are answered synchronously by key, and only a first lookup is a promise.
 * A failed lookup stays a rejected promise, so every item naming that source reports the error.
 */
function sourceResolver(client: ReinferClient, locatorOf: (itemIndex: number) => SourceLocator): (itemIndex: number) => SourceTarget | Promise<SourceTarget> {
	const resolved = new Map<string, SourceTarget>();
	const pending = new Map<string, Promise<SourceTarget>>();
	let last: { locator: SourceLocator; target: SourceTarget } | undefined;
	return (i) => {
		const locator = locatorOf(i);
		if (last && last.locator === locator) return last.target;
		const ref = toSourceRef(locator);
		const refKey = JSON.stringify(ref);
		const target = resolved.get(refKey);
		if (target) {
			last = { locator, target };
			return target;
		}
		let lookup = pending.get(refKey);
		if (!lookup) {
			lookup = sourceOwnerName(client, ref).then((source) => {
				const found = { source, key: `${source.owner}/${source.name}` };
				resolved.set(refKey, found);
				return found;
			});
			pending.set(refKey, lookup);
		}
		return lookup;
	};
}
