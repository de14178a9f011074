import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, ProjectCreate } from '../../../../clients/luminoso';
import { accountLocator, asData, compact, locatorValue, text } from '../common';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: 'Name of the project (need not be unique)' },
	accountLocator({ description: 'The account that will own the project' }),
	{ displayName: 'Language', name: 'language', type: 'string', required: true, default: 'en', description: 'Language code of the project\'s messages, e.g. en' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Description, notes, etc' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Inactive', value: 'inactive' },
				],
				default: 'active',
				description: 'An inactive project can be viewed but processes no new messages',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const extra = this.getNodeParameter('additionalFields', i, {}) as Partial<ProjectCreate>;
	const input = { ...compact(extra), name: text(this, 'name', i), account: locatorValue(this, 'account', i), language: text(this, 'language', i) } as ProjectCreate;
	return asData(await client.createProject(input));
}
