import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ActivityStatus, ClassifierInfo, ClassifierUpdate, LuminosoClient } from '../../../../clients/luminoso';
import { asData, classifierLocator, jsonParameter, projectId, projectLocator } from '../common';
import { classifierId, parseNumTopics, STATUS_OPTIONS } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	classifierLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Dataset', name: 'dataset', type: 'string', default: '', description: 'Voting and topic-based: rebuild on this dataset' },
			{
				displayName: 'Info (JSON)',
				name: 'info',
				type: 'json',
				default: '{}',
				description: 'Other info keys of the classifier\'s type, e.g. {"combined_threshold": 0.5} or {"topics": [{"title": "coffee", "clause": "coffee OR espresso"}]}',
			},
			{ displayName: 'Max Topics per Message', name: 'numTopics', type: 'string', default: '1', description: 'Voting and topic-based: a number or ALL' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'active' },
			{ displayName: 'Threshold', name: 'threshold', type: 'number', typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 }, default: 0.4, description: 'Voting and topic-based' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['classifier'], operation: ['update'] } }, properties);

/** Changes name, status or info; info is checked against the classifier's type before sending. */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const project = projectId(this, i);
	const id = classifierId(this, i);
	const raw = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const fields: ClassifierUpdate = {};
	if (typeof raw.name === 'string' && raw.name.trim()) fields.name = raw.name.trim();
	if (raw.status) fields.status = raw.status as ActivityStatus;
	const info: ClassifierInfo = { ...((raw.info === undefined ? {} : jsonParameter(this, 'updateFields.info', i, 'updateClassifier')) as ClassifierInfo) };
	if (raw.numTopics !== undefined) info.num_topics = parseNumTopics(raw.numTopics);
	if (raw.threshold !== undefined) info.threshold = raw.threshold as number;
	if (typeof raw.dataset === 'string' && raw.dataset.trim()) info.dataset = raw.dataset.trim();
	if (Object.keys(info).length === 0) return asData(await client.updateClassifier(project, id, fields));
	const { type } = await client.getClassifier(project, id);
	return asData(await client.updateClassifier(project, id, { ...fields, info }, type));
}
