import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient, TrainRequest } from '../../../../clients/deepopinion';
import { compact, idList, out, projectId, projectLocator, str } from '../common';
import { LANGUAGE_OPTIONS } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '', required: true, description: 'A friendly name for the model' },
	{ displayName: 'Labeling Session IDs', name: 'annotationIds', type: 'string', default: '', required: true, description: 'Comma-separated IDs of the labeling sessions to build train and test sets from' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Base Model ID', name: 'base_id', type: 'number', default: 0, description: 'The model to start from' },
			{ displayName: 'Language', name: 'language', type: 'options', options: LANGUAGE_OPTIONS, default: 'en', description: 'Language of the model' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Internal name, unique in the workspace' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['train'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	const extra = compact(this.getNodeParameter('additionalFields', i, {}) as { base_id?: number; language?: string; name?: string });
	if (extra.base_id === 0) delete extra.base_id;
	return out(await client.trainModel(projectId(this, i), { display_name: str(this, 'displayName', i), annotation_ids: idList(str(this, 'annotationIds', i)) ?? [], ...(extra as TrainRequest) }));
}
