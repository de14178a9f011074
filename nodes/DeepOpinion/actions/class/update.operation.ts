import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ClassDef, DeepOpinionClient } from '../../../../clients/deepopinion';
import { compact, idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	idField('classId', 'Class ID', 'The class to change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Helps annotators use the class' },
			{ displayName: 'Example', name: 'example', type: 'string', default: '', description: 'A usage example' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "The class's name" },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['class'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateClass(projectId(this, i), num(this, 'classId', i), compact(this.getNodeParameter('updateFields', i, {}) as Partial<ClassDef>)));
}
