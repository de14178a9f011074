import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Document, Message, NewComment, UserProperties } from '../../../clients/reinfer';
import { splitList } from './common';

/**
 * How items become re:infer comments or documents: either fields mapped with expressions
 * (one text message per item), or a whole comment/document object taken from the item's JSON.
 */
export function messageInputProperties(kind: 'comment' | 'document'): INodeProperties[] {
	const fields = { show: { inputMode: ['fields'] } };
	return [
		{
			displayName: 'Input Mode',
			name: 'inputMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Map Fields', value: 'fields', description: `Build each ${kind} from item fields` },
				{ name: 'JSON', value: 'json', description: `Each item holds a complete re:infer ${kind} object` },
			],
			default: 'fields',
		},
		...(kind === 'comment'
			? [
					{
						displayName: 'Comment ID',
						name: 'commentId',
						type: 'string' as const,
						default: '={{ $json.id }}',
						required: true,
						displayOptions: fields,
						description: 'Hexadecimal ID, unique in the source (enable Hex-Encode IDs for other IDs)',
					},
				]
			: []),
		{
			displayName: 'Timestamp',
			name: 'timestamp',
			type: 'string',
			default: '={{ $json.timestamp }}',
			required: kind === 'comment',
			displayOptions: fields,
			description: 'ISO-8601 time the comment was recorded (UTC when no zone is given)',
		},
		{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 3 }, default: '={{ $json.text }}', required: true, displayOptions: fields, description: 'The message body text' },
		{ displayName: 'Subject', name: 'subject', type: 'string', default: '', displayOptions: fields, description: 'The message subject, e.g. of an email' },
		{ displayName: 'From', name: 'from', type: 'string', default: '', displayOptions: fields, description: 'The message sender' },
		{ displayName: 'To', name: 'to', type: 'string', default: '', displayOptions: fields, description: 'Comma-separated primary recipients' },
		{
			displayName: 'User Properties',
			name: 'userProperties',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Property',
			default: {},
			displayOptions: fields,
			options: [
				{
					displayName: 'Property',
					name: 'property',
					values: [
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{ name: 'String', value: 'string' },
								{ name: 'Number', value: 'number' },
							],
							default: 'string',
						},
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: kind === 'comment' ? 'Comment' : 'Document',
			name: 'objectJson',
			type: 'json',
			default: '={{ $json }}',
			displayOptions: { show: { inputMode: ['json'] } },
			description: `A re:infer ${kind} object (${kind === 'comment' ? 'id, timestamp, ' : ''}messages, user_properties)`,
		},
	];
}

function readUserProperties(ctx: IExecuteFunctions, i: number): UserProperties | undefined {
	const rows = (ctx.getNodeParameter('userProperties.property', i, []) as Array<{ type: string; name: string; value: unknown }>) ?? [];
	if (!rows.length) return undefined;
	const props: UserProperties = {};
	for (const row of rows) {
		const asNumber = typeof row.value === 'number' ? row.value : Number(row.value);
		// A non-numeric value for a number property is kept as text so validation names it.
		props[`${row.type}:${row.name}`] = row.type === 'number' && String(row.value).trim() !== '' && !Number.isNaN(asNumber) ? asNumber : String(row.value ?? '');
	}
	return props;
}

function readMessage(ctx: IExecuteFunctions, i: number): Message {
	const text = ctx.getNodeParameter('text', i, '') as unknown;
	const subject = (ctx.getNodeParameter('subject', i, '') as string) || undefined;
	const from = (ctx.getNodeParameter('from', i, '') as string) || undefined;
	const to = splitList(ctx.getNodeParameter('to', i, ''));
	return {
		body: { text: typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text) },
		...(subject ? { subject: { text: subject } } : {}),
		...(from ? { from } : {}),
		...(to?.length ? { to } : {}),
	};
}

function readObject(ctx: IExecuteFunctions, i: number): IDataObject {
	const value = ctx.getNodeParameter('objectJson', i) as unknown;
	if (typeof value === 'string') {
		try {
			return JSON.parse(value) as IDataObject;
		} catch {
			return { invalidJson: value };
		}
	}
	return (value ?? {}) as IDataObject;
}

export function readComment(ctx: IExecuteFunctions, i: number): NewComment {
	if (ctx.getNodeParameter('inputMode', i) === 'json') return readObject(ctx, i) as unknown as NewComment;
	const id = ctx.getNodeParameter('commentId', i, '') as unknown;
	const userProperties = readUserProperties(ctx, i);
	return {
		id: typeof id === 'number' ? String(id) : (id as string),
		timestamp: ctx.getNodeParameter('timestamp', i, '') as string,
		messages: [readMessage(ctx, i)],
		...(userProperties ? { user_properties: userProperties } : {}),
	};
}

export function readDocument(ctx: IExecuteFunctions, i: number): Document {
	if (ctx.getNodeParameter('inputMode', i) === 'json') return readObject(ctx, i) as unknown as Document;
	const timestamp = (ctx.getNodeParameter('timestamp', i, '') as string) || undefined;
	const userProperties = readUserProperties(ctx, i);
	return {
		messages: [readMessage(ctx, i)],
		...(timestamp ? { timestamp } : {}),
		...(userProperties ? { user_properties: userProperties } : {}),
	};
}
