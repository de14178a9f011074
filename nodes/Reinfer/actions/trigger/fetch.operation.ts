import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { MAX_FETCH_SIZE, type ReinferClient } from '../../../../clients/reinfer';
import { readTrigger, triggerFields } from './fields';

const properties: INodeProperties[] = [
	...triggerFields,
	{
		displayName: 'Size',
		name: 'size',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_FETCH_SIZE },
		default: 64,
		description: 'How many comments to fetch (1 to 1024). Fewer come back at the end of the triggered batch.',
	},
	{
		displayName: 'Split Into Items',
		name: 'split',
		type: 'boolean',
		default: true,
		description: 'Whether to output one item per comment (each with the batch\'s sequence_id) instead of one item with all results',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['trigger'], operation: ['fetch'] } }, properties);

/** Fetches comments after the trigger's committed position; pass the sequence_id to Advance once handled. */
export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject | IDataObject[]> {
	const { owner, name, trigger } = readTrigger(this, i);
	const size = this.getNodeParameter('size', i) as number;
	const batch = await client.fetchTrigger(owner, name, trigger, size);
	if (!(this.getNodeParameter('split', i, true) as boolean)) return { sequence_id: batch.sequence_id, count: batch.results.length, results: batch.results } as unknown as IDataObject;
	return batch.results.map((result) => ({ ...result, sequence_id: batch.sequence_id }) as unknown as IDataObject);
}
