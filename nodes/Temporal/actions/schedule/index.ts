import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as pause from './pause.operation';
import * as trigger from './trigger.operation';
import * as unpause from './unpause.operation';

export const operations = { create, delete: del, get, getAll, pause, trigger, unpause };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['schedule'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Run a job on an interval or cron calendar', action: 'Create a schedule' },
			{ name: 'Delete', value: 'delete', description: 'Delete a schedule', action: 'Delete a schedule' },
			{ name: 'Get', value: 'get', description: 'Get a schedule with its recent and upcoming runs', action: 'Get a schedule' },
			{ name: 'Get Many', value: 'getAll', description: 'List the schedules of the namespace', action: 'Get many schedules' },
			{ name: 'Pause', value: 'pause', description: 'Stop starting runs until unpaused', action: 'Pause a schedule' },
			{ name: 'Trigger Now', value: 'trigger', description: "Run the schedule's job now", action: 'Trigger a schedule now' },
			{ name: 'Unpause', value: 'unpause', description: 'Resume a paused schedule', action: 'Unpause a schedule' },
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...pause.description,
	...unpause.description,
	...trigger.description,
	...del.description,
];
