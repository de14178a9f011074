import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ApresClient } from '../../../../clients/apres';
import { limitFor, returnAllOrLimit } from '../../../shared/router';

const properties: INodeProperties[] = [
	...returnAllOrLimit(undefined),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'State',
				name: 'state',
				type: 'string',
				default: '',
				placeholder: 'completed',
				description: 'Only task batches in this state (e.g. confirmed, in_progress, completed)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['taskBatch'], operation: ['getAll'] } }, properties);

/** The recipe's task batches, one item each (Apres returns them all in one response). */
export async function executeItem(this: IExecuteFunctions, i: number, client: ApresClient): Promise<IDataObject[]> {
	const { state } = this.getNodeParameter('filters', i, {}) as { state?: string };
	const wanted = state?.trim().toLowerCase();
	const batches = (await client.listTaskBatches()).filter((b) => !wanted || String(b.state).toLowerCase() === wanted);
	const limit = limitFor(this, i);
	return (limit === undefined ? batches : batches.slice(0, limit)) as unknown as IDataObject[];
}
