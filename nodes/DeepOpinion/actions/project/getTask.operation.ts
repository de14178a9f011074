import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), idField('taskId', 'Task ID', 'The task to retrieve'),
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['getTask'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getProjectTask(projectId(this, i), num(this, 'taskId', i)));
}
