import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { TemporalJobs } from '../../transport';
import { jobInputField, jobTypeField, readJson } from '../common';
import { waitFields, readWait } from './wait';

const properties: INodeProperties[] = [
	jobTypeField(),
	jobInputField(),
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		placeholder: 'acme-tickets-2024-06-01',
		description:
			'Stable ID that makes the start idempotent: starting the same ID again returns the existing job instead of running it twice. Leave empty for a new unique ID.',
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description: 'Whether to wait until the job finishes and output its result',
	},
	...waitFields({ show: { waitForCompletion: [true] } }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'If Job ID Already Finished',
				name: 'ifFinished',
				type: 'options',
				options: [
					{ name: 'Return the Finished Job', value: 'return-existing', description: 'Never run the same job ID twice' },
					{ name: 'Start a New Run', value: 'start-new', description: 'Run the job again under the same ID' },
				],
				default: 'return-existing',
			},
			{
				displayName: 'Set Search Attributes',
				name: 'searchAttributes',
				type: 'boolean',
				default: true,
				description: 'Whether to tag the job with TextaiPlatform, TextaiJobKind and TextaiJobState (turn off on namespaces where they are not registered)',
			},
			{
				displayName: 'Task Queue',
				name: 'taskQueue',
				type: 'string',
				default: '',
				description: 'Overrides the task queue of the credential',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['start'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client, taskQueue }: TemporalJobs): Promise<IDataObject> {
	const job = this.getNodeParameter('job', i) as string;
	const input = readJson(this, i, 'input', 'startJob');
	const jobId = (this.getNodeParameter('jobId', i, '') as string).trim() || `${job}-${randomUUID()}`;
	const options = this.getNodeParameter('options', i, {}) as { ifFinished?: 'return-existing' | 'start-new'; searchAttributes?: boolean; taskQueue?: string };
	const queue = options.taskQueue?.trim() || taskQueue;
	const started = await client.startJob(job, input, { jobId, taskQueue: queue, ifFinished: options.ifFinished, searchAttributes: options.searchAttributes });
	const out: IDataObject = { jobId: started.workflowId, runId: started.runId, job, started: started.started, taskQueue: queue };
	if (!(this.getNodeParameter('waitForCompletion', i, false) as boolean)) return out;
	const outcome = await client.getResult(started.workflowId, readWait(this, i));
	return { ...out, runId: outcome.runId, status: outcome.status, result: outcome.result as IDataObject };
}
