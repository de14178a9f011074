import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ActivityStatus, ClassifierType, LuminosoClient } from '../../../../clients/luminoso';
import { asData, projectId, projectLocator, text } from '../common';
import { infoFields, readInfo, STATUS_OPTIONS, TYPE_OPTIONS } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: 'Unique within the project' },
	{ displayName: 'Type', name: 'type', type: 'options', options: TYPE_OPTIONS, default: 'voting' },
	{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'active' },
	...infoFields(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Wait Until Ready',
				name: 'wait',
				type: 'boolean',
				default: false,
				description: 'Whether to check the new classifier until it is ready and active (training), and output it then. For long trainings use the Temporal job luminoso.buildClassifier.',
			},
			{ displayName: 'Check Every (Seconds)', name: 'pollSeconds', type: 'number', typeOptions: { minValue: 1 }, default: 5, displayOptions: { show: { wait: [true] } } },
			{ displayName: 'Give Up After (Minutes)', name: 'timeoutMinutes', type: 'number', typeOptions: { minValue: 1 }, default: 10, displayOptions: { show: { wait: [true] } } },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['classifier'], operation: ['create'] } }, properties);

/** Creates a classifier (topic clauses checked first); it starts in_training and inactive. */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const type = this.getNodeParameter('type', i) as ClassifierType;
	const project = projectId(this, i);
	const created = await client.createClassifier(project, {
		name: text(this, 'name', i),
		type,
		status: this.getNodeParameter('status', i) as ActivityStatus,
		info: readInfo(this, i, type),
	});
	const options = this.getNodeParameter('options', i, {}) as { wait?: boolean; pollSeconds?: number; timeoutMinutes?: number };
	if (!options.wait || created.id === undefined) return asData(created);
	return asData(await client.waitForClassifier(project, created.id, { pollMs: (options.pollSeconds ?? 5) * 1000, timeoutMs: (options.timeoutMinutes ?? 10) * 60_000 }));
}
