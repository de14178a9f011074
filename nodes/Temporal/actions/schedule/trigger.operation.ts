import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { OverlapPolicy } from '../../../../clients/temporal';
import type { TemporalJobs } from '../../transport';
import { getLocatorValue, OVERLAP_OPTIONS, scheduleLocator } from '../common';

const properties: INodeProperties[] = [
	scheduleLocator({ description: 'The schedule whose job to run now (also when it is paused)' }),
	{
		displayName: 'Overlap Policy',
		name: 'overlapPolicy',
		type: 'options',
		options: OVERLAP_OPTIONS,
		default: 'ALLOW_ALL',
		description: 'What to do if a run of the schedule is still running',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['schedule'], operation: ['trigger'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject> {
	const scheduleId = getLocatorValue(this, i, 'scheduleId');
	await client.triggerSchedule(scheduleId, this.getNodeParameter('overlapPolicy', i, 'ALLOW_ALL') as OverlapPolicy);
	return { scheduleId, triggered: true };
}
