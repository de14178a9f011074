import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ApresClient } from '../../../../clients/apres';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { getTaskBatchId, taskBatchLocator } from '../common';

const properties: INodeProperties[] = [taskBatchLocator({ description: 'The task batch whose tasks to retrieve' }), ...returnAllOrLimit(undefined)];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['getAll'] } }, properties);

/** The tasks of a task batch, one item each, with the batch id added. */
export async function executeItem(this: IExecuteFunctions, i: number, client: ApresClient): Promise<IDataObject[]> {
	const id = getTaskBatchId(this, i);
	const tasks = await client.listTasks(id);
	const limit = limitFor(this, i);
	return (limit === undefined ? tasks : tasks.slice(0, limit)).map((task) => ({ task_batch_id: id, ...task }) as IDataObject);
}
