import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { TemporalJobs } from '../../transport';
import { getLocatorValue, jobLocator } from '../common';

const properties: INodeProperties[] = [
	jobLocator({ description: 'The job whose status to get' }),
	{
		displayName: 'Include Progress',
		name: 'includeProgress',
		type: 'boolean',
		default: false,
		description: 'Whether to ask the job for its progress (the "progress" query: counts, position, paused/stopped)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['getStatus'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject> {
	const jobId = getLocatorValue(this, i, 'jobId');
	const status = await client.describe(jobId);
	const out: IDataObject = { jobId: status.workflowId, ...(status as unknown as IDataObject) };
	delete out.workflowId;
	if (this.getNodeParameter('includeProgress', i, false) as boolean) {
		out.progress = (await client.query(jobId, 'progress')) as IDataObject;
	}
	return out;
}
