import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeOperation, type ResourceMap } from '../../shared/router';
import { createTemporalJobs, type TemporalJobs } from '../transport';
import * as job from './job';
import * as schedule from './schedule';

const resources: ResourceMap<TemporalJobs> = {
	job: job.operations,
	schedule: schedule.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources, createTemporalJobs);
}
