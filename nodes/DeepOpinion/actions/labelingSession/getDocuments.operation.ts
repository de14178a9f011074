import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { details, detailsField, idField, num, outMany, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), idField('labelingSessionId', 'Labeling Session ID', 'The labeling session'), detailsField(), ...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['labelingSession'], operation: ['getDocuments'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(await client.getAllLabelingSessionDocuments(projectId(this, i), num(this, 'labelingSessionId', i), details(this, i), { limit: limitFor(this, i) }));
}
