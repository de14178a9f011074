import type { INodeProperties } from 'n8n-workflow';
import * as cancel from './cancel.operation';
import * as getAll from './getAll.operation';
import * as getResult from './getResult.operation';
import * as getStatus from './getStatus.operation';
import * as signal from './signal.operation';
import * as start from './start.operation';

export const operations = { cancel, getAll, getResult, getStatus, signal, start };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', description: 'Cancel or terminate a job', action: 'Cancel a job' },
			{ name: 'Get Many', value: 'getAll', description: 'List jobs by type, status or visibility query', action: 'Get many jobs' },
			{ name: 'Get Result', value: 'getResult', description: 'Wait for a job to finish and get its result', action: 'Get the result of a job' },
			{ name: 'Get Status', value: 'getStatus', description: 'Get the status of a job, optionally with its progress', action: 'Get the status of a job' },
			{ name: 'Signal', value: 'signal', description: 'Pause, resume or stop a job, or send a custom signal', action: 'Signal a job' },
			{ name: 'Start', value: 'start', description: 'Start a job of the catalogue (idempotent by job ID)', action: 'Start a job' },
		],
		default: 'start',
	},
	...start.description,
	...getStatus.description,
	...getResult.description,
	...signal.description,
	...cancel.description,
	...getAll.description,
];
