import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { TemporalJobs } from '../../transport';
import { getLocatorValue, jobLocator, readJson } from '../common';

const properties: INodeProperties[] = [
	jobLocator({ description: 'The job to signal' }),
	{
		displayName: 'Signal',
		name: 'signal',
		type: 'options',
		options: [
			{ name: 'Custom', value: 'custom', description: 'A signal of your choice, with arguments' },
			{ name: 'Pause', value: 'pause', description: 'Stream consumers stop fetching until resumed' },
			{ name: 'Resume', value: 'resume', description: 'Continue a paused job' },
			{ name: 'Stop', value: 'stop', description: 'Finish the job gracefully after the current batch' },
		],
		default: 'pause',
	},
	{
		displayName: 'Signal Name',
		name: 'signalName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { signal: ['custom'] } },
	},
	{
		displayName: 'Arguments (JSON)',
		name: 'args',
		type: 'json',
		default: '[]',
		description: 'A JSON array of the signal arguments (a single non-array value is sent as the only argument)',
		displayOptions: { show: { signal: ['custom'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['signal'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject> {
	const jobId = getLocatorValue(this, i, 'jobId');
	const choice = this.getNodeParameter('signal', i) as string;
	const signalName = choice === 'custom' ? (this.getNodeParameter('signalName', i) as string).trim() : choice;
	const raw = choice === 'custom' ? readJson(this, i, 'args', 'signal', []) : [];
	const args = Array.isArray(raw) ? raw : [raw];
	await client.signal(jobId, signalName, args);
	return { jobId, signal: signalName, sent: true };
}
