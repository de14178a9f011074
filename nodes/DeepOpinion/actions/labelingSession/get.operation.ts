import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), idField('labelingSessionId', 'Labeling Session ID', 'The labeling session'),
];

export const description = updateDisplayOptions({ show: { resource: ['labelingSession'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getLabelingSession(projectId(this, i), num(this, 'labelingSessionId', i)));
}
