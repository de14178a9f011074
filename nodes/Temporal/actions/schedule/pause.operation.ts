import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { TemporalJobs } from '../../transport';
import { getLocatorValue, scheduleLocator } from '../common';

const properties: INodeProperties[] = [
	scheduleLocator({ description: 'The schedule to pause: no run starts until it is unpaused' }),
	{ displayName: 'Note', name: 'note', type: 'string', default: '', description: 'Why it is paused, shown with the schedule' },
];

export const description = updateDisplayOptions({ show: { resource: ['schedule'], operation: ['pause'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject> {
	const scheduleId = getLocatorValue(this, i, 'scheduleId');
	await client.pauseSchedule(scheduleId, (this.getNodeParameter('note', i, '') as string).trim() || undefined);
	return { scheduleId, paused: true };
}
