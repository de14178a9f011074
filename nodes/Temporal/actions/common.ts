import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { ValidationError } from '../../../clients/core';
import { JOB_NAMES, JOBS, OVERLAP_POLICIES, settle, type OverlapPolicy } from '../../../clients/temporal';

const ID_MODE_VALIDATION = [{ type: 'regex' as const, properties: { regex: '^[^/\\s][^/]*$', errorMessage: 'An ID must not be empty or contain "/"' } }];

/** Picks a job (a workflow id) from the recent Textai jobs or by ID. */
export function jobLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Job',
		name: 'jobId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchJobs', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'reinfer.bulkSync-2f0c…', validation: ID_MODE_VALIDATION },
		],
		...overrides,
	};
}

/** Picks a schedule from the namespace's schedules or by ID. */
export function scheduleLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Schedule',
		name: 'scheduleId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchSchedules', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'nightly-sync', validation: ID_MODE_VALIDATION },
		],
		...overrides,
	};
}

export function getLocatorValue(ctx: IExecuteFunctions, itemIndex: number, parameter: string): string {
	return String(ctx.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) ?? '').trim();
}

/** The job types of the catalogue, as n8n options. */
export const JOB_OPTIONS: INodePropertyOptions[] = JOB_NAMES.map((name) => ({ name, value: name, description: JOBS[name].description }));

export function jobTypeField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Job Type',
		name: 'job',
		type: 'options',
		options: JOB_OPTIONS,
		default: 'reinfer.bulkSync',
		required: true,
		description: 'Which job of the catalogue to run',
		...overrides,
	};
}

export function jobInputField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Input (JSON)',
		name: 'input',
		type: 'json',
		default: '{\n  "connection": "default"\n}',
		required: true,
		description:
			'The job input object, e.g. for reinfer.bulkSync: connection, owner, source, file (a path the workers can read) and mapping. Platform tokens never go here: "connection" names credentials configured on the workers.',
		...overrides,
	};
}

/** Reads a JSON parameter (n8n hands over a string or an already parsed value). */
export function readJson(ctx: IExecuteFunctions, itemIndex: number, parameter: string, operation: string, fallback: unknown = undefined): unknown {
	const raw = ctx.getNodeParameter(parameter, itemIndex, fallback) as unknown;
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return fallback;
	const parsed = settle(() => JSON.parse(raw) as unknown);
	if (!parsed.ok) throw new ValidationError([{ itemIndex, field: parameter, problem: `is not valid JSON (${parsed.reason})` }], 'Temporal', operation);
	return parsed.value;
}

const OVERLAP_LABELS: Record<OverlapPolicy, { name: string; description: string }> = {
	ALLOW_ALL: { name: 'Allow All', description: 'Start every run, even while others still run' },
	BUFFER_ALL: { name: 'Buffer All', description: 'Queue every due run and start them one after another' },
	BUFFER_ONE: { name: 'Buffer One', description: 'Start one due run after the current one ends; skip the rest' },
	CANCEL_OTHER: { name: 'Cancel Other', description: 'Cancel the running run, then start the new one' },
	SKIP: { name: 'Skip', description: 'Do not start a run while the previous one still runs' },
	TERMINATE_OTHER: { name: 'Terminate Other', description: 'Terminate the running run, then start the new one' },
};

export const OVERLAP_OPTIONS: INodePropertyOptions[] = [...OVERLAP_POLICIES]
	.map((value) => ({ value, ...OVERLAP_LABELS[value] }))
	.sort((a, b) => a.name.localeCompare(b.name));
