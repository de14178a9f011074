import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ActivityStatus, LuminosoClient } from '../../../../clients/luminoso';
import { asData, classifierLocator, locatorValue, projectId, projectLocator, text } from '../common';
import { CLAUSE_HELP } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	classifierLocator({ description: 'A topic-based classifier' }),
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: 'The topic\'s name, unique in the classifier' },
	{ displayName: 'Clause', name: 'clause', type: 'string', required: true, default: '', placeholder: 'drink coffee AND NOT latte', description: CLAUSE_HELP },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'Inactive', value: 'inactive' },
		],
		default: 'active',
	},
	{ displayName: 'Blocking', name: 'blocking', type: 'boolean', default: false, description: 'Whether messages in this topic (e.g. spam) are kept out of every other topic' },
];

export const description = updateDisplayOptions({ show: { resource: ['classifierTopic'], operation: ['create'] } }, properties);

/** The clause is checked against the documented topic syntax before anything is sent. */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const clause = this.getNodeParameter('clause', i, '') as string;
	return asData(
		await client.createClassifierTopic(projectId(this, i), locatorValue(this, 'classifier', i), {
			name: text(this, 'name', i),
			info: typeof clause === 'string' ? clause.trim() : clause,
			status: this.getNodeParameter('status', i, 'active') as ActivityStatus,
			blocking: this.getNodeParameter('blocking', i, false) as boolean,
		}),
	);
}
