import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { binaryField, out, uploadFile } from '../common';

const properties: INodeProperties[] = [
	binaryField('The file to analyse: CSV, TXT, JSON, JSONL or XLSX'),
];

export const description = updateDisplayOptions({ show: { resource: ['analysis'], operation: ['uploadFile'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.uploadAnalysisFile(await uploadFile(this, i)));
}
