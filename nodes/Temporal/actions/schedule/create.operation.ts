import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { OverlapPolicy, ScheduleSpecInput } from '../../../../clients/temporal';
import type { TemporalJobs } from '../../transport';
import { jobInputField, jobTypeField, OVERLAP_OPTIONS, readJson } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Schedule ID',
		name: 'scheduleId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'nightly-acme-tickets',
		description: 'Unique name of the schedule; its runs are named after it',
	},
	jobTypeField(),
	jobInputField(),
	{
		displayName: 'Run',
		name: 'specType',
		type: 'options',
		options: [
			{ name: 'At Cron Times', value: 'cron', description: 'On a cron calendar, e.g. every night at 02:00' },
			{ name: 'Every Interval', value: 'interval', description: 'At a fixed interval, e.g. every 15 minutes' },
		],
		default: 'cron',
	},
	{
		displayName: 'Cron Expression',
		name: 'cron',
		type: 'string',
		default: '0 2 * * *',
		required: true,
		placeholder: '0 2 * * *',
		description: 'Minute, hour, day of month, month, day of week (5 fields; 6-7 with seconds/years)',
		displayOptions: { show: { specType: ['cron'] } },
	},
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: 'UTC',
		placeholder: 'Europe/Berlin',
		description: 'IANA time zone the cron expression is read in',
		displayOptions: { show: { specType: ['cron'] } },
	},
	{
		displayName: 'Every',
		name: 'every',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		required: true,
		displayOptions: { show: { specType: ['interval'] } },
	},
	{
		displayName: 'Unit',
		name: 'unit',
		type: 'options',
		options: [
			{ name: 'Days', value: 'd' },
			{ name: 'Hours', value: 'h' },
			{ name: 'Minutes', value: 'm' },
			{ name: 'Seconds', value: 's' },
		],
		default: 'h',
		displayOptions: { show: { specType: ['interval'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Catch-Up Window (Seconds)',
				name: 'catchupWindow',
				type: 'number',
				typeOptions: { minValue: 10 },
				default: 3600,
				description: 'How late a run missed during an outage may still start',
			},
			{ displayName: 'Notes', name: 'notes', type: 'string', default: '', description: 'Shown with the schedule in Temporal' },
			{
				displayName: 'Overlap Policy',
				name: 'overlapPolicy',
				type: 'options',
				options: OVERLAP_OPTIONS,
				default: 'SKIP',
				description: 'What to do when a run is due while the previous one still runs',
			},
			{ displayName: 'Pause on Failure', name: 'pauseOnFailure', type: 'boolean', default: false, description: 'Whether to pause the schedule when a run fails' },
			{
				displayName: 'Set Search Attributes',
				name: 'searchAttributes',
				type: 'boolean',
				default: true,
				description: 'Whether to tag the runs with TextaiPlatform, TextaiJobKind and TextaiJobState',
			},
			{ displayName: 'Start Paused', name: 'paused', type: 'boolean', default: false, description: 'Whether to create the schedule paused' },
			{ displayName: 'Task Queue', name: 'taskQueue', type: 'string', default: '', description: 'Overrides the task queue of the credential' },
			{
				displayName: 'Workflow ID Prefix',
				name: 'workflowId',
				type: 'string',
				default: '',
				description: 'Start of the run IDs (Temporal appends the scheduled time). Default: the schedule ID.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['schedule'], operation: ['create'] } }, properties);

interface CreateOptions {
	catchupWindow?: number;
	notes?: string;
	overlapPolicy?: OverlapPolicy;
	pauseOnFailure?: boolean;
	searchAttributes?: boolean;
	paused?: boolean;
	taskQueue?: string;
	workflowId?: string;
}

export async function executeItem(this: IExecuteFunctions, i: number, { client, taskQueue }: TemporalJobs): Promise<IDataObject> {
	const scheduleId = (this.getNodeParameter('scheduleId', i) as string).trim();
	const job = this.getNodeParameter('job', i) as string;
	const input = readJson(this, i, 'input', 'createSchedule');
	const specType = this.getNodeParameter('specType', i) as 'cron' | 'interval';
	const spec: ScheduleSpecInput =
		specType === 'cron'
			? { cron: [(this.getNodeParameter('cron', i) as string).trim()], timezone: (this.getNodeParameter('timezone', i, '') as string).trim() || undefined }
			: { intervals: [{ every: `${this.getNodeParameter('every', i) as number}${this.getNodeParameter('unit', i) as string}` }] };
	const options = this.getNodeParameter('options', i, {}) as CreateOptions;
	await client.createSchedule({
		scheduleId,
		job: job as never,
		input,
		taskQueue: options.taskQueue?.trim() || taskQueue,
		workflowId: options.workflowId?.trim() || undefined,
		spec,
		overlapPolicy: options.overlapPolicy,
		catchupWindow: options.catchupWindow === undefined ? undefined : options.catchupWindow * 1000,
		pauseOnFailure: options.pauseOnFailure,
		paused: options.paused,
		notes: options.notes?.trim() || undefined,
		searchAttributes: options.searchAttributes,
	});
	return (await client.describeSchedule(scheduleId)) as unknown as IDataObject;
}
