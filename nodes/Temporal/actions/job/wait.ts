import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { WaitOptions } from '../../../../clients/temporal';

/** Poll interval and timeout for operations that wait for a job to finish. */
export function waitFields(displayOptions?: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 2,
			description: 'How often to check whether the job finished',
			displayOptions,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 300,
			description: 'How long to wait before giving up with an error (the job itself keeps running)',
			displayOptions,
		},
	];
}

export function readWait(ctx: IExecuteFunctions, itemIndex: number): WaitOptions {
	const pollInterval = ctx.getNodeParameter('pollInterval', itemIndex, 2) as number;
	const timeout = ctx.getNodeParameter('timeout', itemIndex, 300) as number;
	return { pollIntervalMs: Math.round(pollInterval * 1000), timeoutMs: Math.round(timeout * 1000) };
}
