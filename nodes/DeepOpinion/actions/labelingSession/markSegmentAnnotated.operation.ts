import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), idField('labelingSessionId', 'Labeling Session ID', 'The labeling session'), idField('documentId', 'Document ID', 'The document'), idField('segmentId', 'Segment ID', 'The segment'),
];

export const description = updateDisplayOptions({ show: { resource: ['labelingSession'], operation: ['markSegmentAnnotated'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.markSegmentAnnotated(projectId(this, i), num(this, 'labelingSessionId', i), num(this, 'documentId', i), num(this, 'segmentId', i)));
}
