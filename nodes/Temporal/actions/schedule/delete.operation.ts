import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { TemporalJobs } from '../../transport';
import { getLocatorValue, scheduleLocator } from '../common';

const properties: INodeProperties[] = [scheduleLocator({ description: 'The schedule to delete; runs it already started keep running' })];

export const description = updateDisplayOptions({ show: { resource: ['schedule'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject> {
	const scheduleId = getLocatorValue(this, i, 'scheduleId');
	await client.deleteSchedule(scheduleId);
	return { scheduleId, deleted: true };
}
