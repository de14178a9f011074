import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { TemporalJobs } from '../../transport';
import { getLocatorValue, scheduleLocator } from '../common';

const properties: INodeProperties[] = [
	scheduleLocator({ description: 'The schedule to unpause' }),
	{ displayName: 'Note', name: 'note', type: 'string', default: '', description: 'Shown with the schedule' },
];

export const description = updateDisplayOptions({ show: { resource: ['schedule'], operation: ['unpause'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject> {
	const scheduleId = getLocatorValue(this, i, 'scheduleId');
	await client.unpauseSchedule(scheduleId, (this.getNodeParameter('note', i, '') as string).trim() || undefined);
	return { scheduleId, paused: false };
}
