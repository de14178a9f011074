import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { binaryField, outMany, projectId, projectLocator, uploadFile } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), binaryField('The file defining the classes: CSV, TXT, JSON, JSONL or XLSX'),
];

export const description = updateDisplayOptions({ show: { resource: ['class'], operation: ['uploadFile'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(await client.uploadClassesFile(projectId(this, i), await uploadFile(this, i)));
}
