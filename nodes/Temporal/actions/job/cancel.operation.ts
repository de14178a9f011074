import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { TemporalJobs } from '../../transport';
import { getLocatorValue, jobLocator } from '../common';

const properties: INodeProperties[] = [
	jobLocator({ description: 'The job to cancel' }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Reason', name: 'reason', type: 'string', default: '', description: 'Recorded in the job history' },
			{
				displayName: 'Terminate',
				name: 'terminate',
				type: 'boolean',
				default: false,
				description: 'Whether to end the job at once instead of asking it to cancel (no cleanup runs)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['cancel'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject> {
	const jobId = getLocatorValue(this, i, 'jobId');
	const options = this.getNodeParameter('options', i, {}) as { reason?: string; terminate?: boolean };
	const reason = options.reason?.trim() || undefined;
	if (options.terminate) {
		await client.terminate(jobId, reason ?? 'Terminated from n8n');
		return { jobId, terminated: true };
	}
	await client.cancel(jobId, reason);
	return { jobId, cancelRequested: true };
}
