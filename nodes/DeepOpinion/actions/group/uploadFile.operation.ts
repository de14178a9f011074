import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { binaryField, out, projectId, projectLocator, uploadFile } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	binaryField('The file: CSV, TXT, JSON, JSONL or XLSX'),
	{ displayName: 'Preview as List', name: 'toList', type: 'boolean', default: true, description: 'Whether the preview lists rows (true) or JSON objects (false)' },
];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['uploadFile'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.uploadGroupFile(projectId(this, i), await uploadFile(this, i), { toList: this.getNodeParameter('toList', i, true) as boolean }));
}
