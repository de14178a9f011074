import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { statisticsByName, type ApresClient } from '../../../../clients/apres';
import { getTaskBatchId, taskBatchLocator } from '../common';

const properties: INodeProperties[] = [
	taskBatchLocator({ description: 'The task batch whose results to retrieve' }),
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		options: [
			{ name: 'One Item With Rows, CSV URL and Statistics', value: 'batch' },
			{ name: 'One Item per Result Row', value: 'rows' },
		],
		default: 'batch',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['taskBatch'], operation: ['getOutput'] } }, properties);

/**
 * The batch's output: json rows, the URL of the CSV and statistics (also given as one object,
 * `statistics_by_name`), or one item per row carrying the batch id.
 */
export async function executeItem(this: IExecuteFunctions, i: number, client: ApresClient): Promise<IDataObject | IDataObject[]> {
	const id = getTaskBatchId(this, i);
	const output = await client.getTaskBatchOutput(id);
	if ((this.getNodeParameter('outputMode', i, 'batch') as string) === 'rows') {
		return output.json.map((row) => ({ task_batch_id: id, ...row }) as IDataObject);
	}
	return { task_batch_id: id, ...output, statistics_by_name: statisticsByName(output.statistics) } as unknown as IDataObject;
}
