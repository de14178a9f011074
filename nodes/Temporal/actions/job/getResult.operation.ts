import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { TemporalJobs } from '../../transport';
import { getLocatorValue, jobLocator } from '../common';
import { readWait, waitFields } from './wait';

const properties: INodeProperties[] = [jobLocator({ description: 'The job whose result to get; waits while it runs' }), ...waitFields(undefined)];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['getResult'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, { client }: TemporalJobs): Promise<IDataObject> {
	const jobId = getLocatorValue(this, i, 'jobId');
	const outcome = await client.getResult(jobId, readWait(this, i));
	return { jobId: outcome.workflowId, runId: outcome.runId, status: outcome.status, result: outcome.result as IDataObject };
}
