import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), idField('labelingSessionId', 'Labeling Session ID', 'The labeling session'), idField('documentId', 'Document ID', 'The document'), { displayName: 'Page', name: 'page', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'The page number, starting at 0' },
];

export const description = updateDisplayOptions({ show: { resource: ['labelingSession'], operation: ['markPageAnnotated'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.markPageAnnotated(projectId(this, i), num(this, 'labelingSessionId', i), num(this, 'documentId', i), num(this, 'page', i)));
}
