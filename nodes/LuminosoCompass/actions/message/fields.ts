import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { MessageFilters, NewMessage } from '../../../../clients/luminoso';
import { jsonParameter, messageFilterOptions, readMessageFilters, text } from '../common';

export function messageFields(): INodeProperties[] {
	return [
		{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 3 }, required: true, default: '={{ $json.text }}', description: 'The text of the message' },
		{
			displayName: 'Timestamp',
			name: 'timestamp',
			type: 'string',
			required: true,
			default: '={{ $now.toISO() }}',
			description: 'When the message was written: ISO-8601 time or seconds since the epoch',
		},
		{ displayName: 'Source ID', name: 'sourceId', type: 'string', default: '', description: 'ID of the message on the original platform, e.g. a ticket number' },
		{ displayName: 'Language', name: 'language', type: 'string', default: '', description: 'Language code (all messages of a project are in its language)' },
		{ displayName: 'Info (JSON)', name: 'info', type: 'json', default: '', description: 'Other information kept with the message (reference only, not analysed)' },
	];
}

export function replaceOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Replace',
			name: 'replace',
			type: 'boolean',
			default: false,
			description: 'Whether the messages sent replace the existing messages that match the Replace filters (all messages when none is set)',
		},
		{
			displayName: 'Replace Filters',
			name: 'replaceFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: 'Which existing messages are replaced',
			options: messageFilterOptions(),
		},
	];
}

export function readMessage(ctx: IExecuteFunctions, i: number, operation: string): NewMessage {
	const raw = ctx.getNodeParameter('text', i, '') as unknown;
	const stamp = ctx.getNodeParameter('timestamp', i, '') as unknown;
	const info = jsonParameter(ctx, 'info', i, operation);
	const message: NewMessage = {
		text: typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw),
		timestamp: typeof stamp === 'number' ? stamp : String(stamp ?? '').trim(),
	};
	const sourceId = text(ctx, 'sourceId', i);
	const language = text(ctx, 'language', i);
	if (sourceId) message.source_id = sourceId;
	if (language) message.language = language;
	if (info !== undefined && info !== null && info !== '') message.info = info as Record<string, unknown>;
	return message;
}

export function readReplace(options: IDataObject): { replace: boolean; filters?: MessageFilters } {
	return { replace: options.replace === true, filters: readMessageFilters((options.replaceFilters as IDataObject) ?? {}) };
}

export const messageIdField: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '4711',
	description: 'The number at the end of the message\'s URL',
};
