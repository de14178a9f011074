import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { visibilityQuery, type JobName, type VisibilityFilter } from '../../../../clients/temporal';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import type { TemporalJobs } from '../../transport';
import { JOB_OPTIONS } from '../common';

const properties: INodeProperties[] = [
	...returnAllOrLimit(undefined),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Job Type', name: 'job', type: 'options', options: JOB_OPTIONS, default: 'reinfer.bulkSync' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Canceled', value: 'CANCELED' },
					{ name: 'Completed', value: 'COMPLETED' },
					{ name: 'Continued As New', value: 'CONTINUED_AS_NEW' },
					{ name: 'Failed', value: 'FAILED' },
					{ name: 'Running', value: 'RUNNING' },
					{ name: 'Terminated', value: 'TERMINATED' },
					{ name: 'Timed Out', value: 'TIMED_OUT' },
				],
				default: 'RUNNING',
			},
			{
				displayName: 'Visibility Query',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'TextaiPlatform = "reinfer" AND TextaiJobState = "paused"',
				description: 'A Temporal list filter, combined with the other filters',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as { job?: JobName; status?: VisibilityFilter['status']; query?: string };
	const query = visibilityQuery(filters);
	const jobs = await client.listWorkflows({ query, limit: limitFor(this, i) });
	return jobs.map(({ workflowId, ...rest }) => ({ jobId: workflowId, ...rest }) as unknown as IDataObject);
}
