import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { binaryField, idField, modelId, modelLocator, num, out, projectId, projectLocator, uploadFile } from '../common';

const properties: INodeProperties[] = [
	idField('workspaceId', 'Workspace ID', 'Your workspace (organization) ID'),
	projectLocator(),
	modelLocator({ description: 'The trained extraction model' }),
	binaryField('The document: PDF, JPEG, PNG, TIFF or WebP'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Return Annotated Pages', name: 'returnAnnotatedPages', type: 'boolean', default: false, description: 'Whether to return an image of each page with the found matches (base64)' },
			{ displayName: 'Return Bounding Boxes', name: 'returnBboxes', type: 'boolean', default: false, description: 'Whether to return the bounding box of each match' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['extraction'], operation: ['extract'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as { returnBboxes?: boolean; returnAnnotatedPages?: boolean };
	return out(await client.extract(num(this, 'workspaceId', i), projectId(this, i), modelId(this, i), await uploadFile(this, i), options));
}
