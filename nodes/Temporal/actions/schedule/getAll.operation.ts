import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import type { TemporalJobs } from '../../transport';

const properties: INodeProperties[] = [...returnAllOrLimit(undefined)];

export const description = updateDisplayOptions({ show: { resource: ['schedule'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject[]> {
	return (await client.listSchedules({ limit: limitFor(this, i) })) as unknown as IDataObject[];
}
