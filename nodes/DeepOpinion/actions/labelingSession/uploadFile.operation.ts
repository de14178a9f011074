import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { binaryField, out, projectId, projectLocator, uploadFile } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	binaryField('The file: CSV, TXT, JSON, JSONL or XLSX'),
	{ displayName: 'Show Preview', name: 'showPreview', type: 'boolean', default: false, description: 'Whether to only answer a file ID and preview (then create the session with the file ID and a column mapping)' },
];

export const description = updateDisplayOptions({ show: { resource: ['labelingSession'], operation: ['uploadFile'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.uploadLabelingSessionFile(projectId(this, i), await uploadFile(this, i), { showPreview: this.getNodeParameter('showPreview', i, false) as boolean }));
}
