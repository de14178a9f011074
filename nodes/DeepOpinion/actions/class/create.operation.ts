import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ClassDef, DeepOpinionClient } from '../../../../clients/deepopinion';
import { compact, out, projectId, projectLocator, str } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: "The class's name" },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Helps annotators use the class' },
			{ displayName: 'Example', name: 'example', type: 'string', default: '', description: 'A usage example' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['class'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.createClass(projectId(this, i), { name: str(this, 'name', i), ...compact(this.getNodeParameter('additionalFields', i, {}) as Partial<ClassDef>) }));
}
