import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Global workflow static data key under which an active Apres Trigger of the same workflow keeps
 * its webhook URL (set by the trigger's webhook lifecycle `create`, removed by `delete`). The
 * Create Task Batch operation sends it as `webhook_url` unless a URL is given explicitly.
 */
export const TRIGGER_URL_KEY = 'apresTriggerWebhookUrl';

export function triggerUrlOf(staticData: IDataObject): string | undefined {
	const value = staticData[TRIGGER_URL_KEY];
	return typeof value === 'string' && value ? value : undefined;
}

/** Picks a task batch from a searchable list or by id. */
export function taskBatchLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Task Batch',
		name: 'taskBatch',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchTaskBatches', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '60649254-69b4-11e9-bef7-60f81dab267a',
				validation: [{ type: 'regex', properties: { regex: '^\\s*[A-Za-z0-9_-]+\\s*$', errorMessage: 'A task batch ID, e.g. 60649254-69b4-11e9-bef7-60f81dab267a' } }],
			},
		],
		...overrides,
	};
}

export function getTaskBatchId(ctx: IExecuteFunctions, itemIndex: number): string {
	return String(ctx.getNodeParameter('taskBatch', itemIndex, undefined, { extractValue: true }) ?? '').trim();
}
