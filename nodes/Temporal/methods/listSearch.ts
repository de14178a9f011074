import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { JOB_NAMES, JOBS } from '../../../clients/temporal';
import { createTemporalJobs } from '../transport';

function matches(filter: string | undefined, ...texts: Array<string | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((t) => t?.toLowerCase().includes(needle));
}

/** The 200 most recent jobs of the catalogue's workflow types. */
export async function searchJobs(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { client } = await createTemporalJobs(this);
	const types = JOB_NAMES.map((name) => `"${JOBS[name].workflowType}"`).join(', ');
	const jobs = await client.listWorkflows({ query: `WorkflowType IN (${types})`, limit: 200 });
	return {
		results: jobs
			.filter((j) => matches(filter, j.workflowId, j.job))
			.map((j) => ({ name: `${j.workflowId} (${j.job ?? j.workflowType}, ${j.status.toLowerCase()})`, value: j.workflowId })),
	};
}

export async function searchSchedules(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { client } = await createTemporalJobs(this);
	const schedules = await client.listSchedules({ limit: 500 });
	return {
		results: schedules
			.filter((s) => matches(filter, s.scheduleId, s.job, s.notes))
			.map((s) => ({ name: `${s.scheduleId} (${s.job ?? s.workflowType ?? 'schedule'}${s.paused ? ', paused' : ''})`, value: s.scheduleId })),
	};
}
