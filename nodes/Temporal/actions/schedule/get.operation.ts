import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { TemporalJobs } from '../../transport';
import { getLocatorValue, scheduleLocator } from '../common';

const properties: INodeProperties[] = [scheduleLocator({ description: 'The schedule to get, with its recent and upcoming runs' })];

export const description = updateDisplayOptions({ show: { resource: ['schedule'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject> {
	return (await client.describeSchedule(getLocatorValue(this, i, 'scheduleId'))) as unknown as IDataObject;
}
