import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { toNodeError } from '../../../shared/errors';
import type { BatchOutcome } from '../../../shared/router';
import { readTrigger, triggerFields } from './fields';

const properties: INodeProperties[] = [
	...triggerFields,
	{
		displayName: 'Sequence ID',
		name: 'sequenceId',
		type: 'string',
		required: true,
		default: '={{ $json.sequence_id }}',
		description: 'The sequence_id returned by Fetch: the next fetch starts after it',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['trigger'], operation: ['advance'] } }, properties);

/**
 * Commits trigger positions. Items that name the same trigger and sequence id (e.g. every comment
 * of one fetched batch) share one request, so advancing after a split Fetch costs one call.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: ReinferClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const groups = new Map<string, { ref: ReturnType<typeof readTrigger>; sequenceId: string; indices: number[] }>();
	for (let i = 0; i < items.length; i++) {
		const ref = readTrigger(this, i);
		const sequenceId = String(this.getNodeParameter('sequenceId', i) ?? '').trim();
		const key = JSON.stringify([ref.owner, ref.name, ref.trigger, sequenceId]);
		const group = groups.get(key) ?? { ref, sequenceId, indices: [] };
		group.indices.push(i);
		groups.set(key, group);
	}
	const outcomes: BatchOutcome[] = [];
	for (const { ref, sequenceId, indices } of groups.values()) {
		try {
			const result = await client.advanceTrigger(ref.owner, ref.name, ref.trigger, sequenceId);
			outcomes.push({ json: { advanced: true, dataset: `${ref.owner}/${ref.name}`, trigger: ref.trigger, ...result }, pairedItems: indices });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, indices[0]);
			outcomes.push(...indices.map((itemIndex) => ({ error, itemIndex })));
		}
	}
	return outcomes;
}
