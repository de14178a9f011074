import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { itemParameter } from '../../shared/parameters';
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

type PropertyRow = { type: string; name: string; value: unknown };

function userPropertiesOf(rows: PropertyRow[] | undefined): UserProperties | undefined {
	if (!rows?.length) return undefined;
	const props: UserProperties = {};
	for (const row of rows) {
		const asNumber = typeof row.value === 'number' ? row.value : Number(row.value);
		// A non-numeric value for a number property is kept as text so validation names it.
		props[`${row.type}:${row.name}`] = row.type === 'number' && String(row.value).trim() !== '' && !Number.isNaN(asNumber) ? asNumber : String(row.value ?? '');
	}
	return props;
}

function objectOf(value: unknown): IDataObject {
	if (typeof value === 'string') {
		try {
			return JSON.parse(value) as IDataObject;
		} catch {
			return { invalidJson: value };
		}
	}
	return (value ?? {}) as IDataObject;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/**
 * Builds re:infer comments or documents from the input items. Parameters are resolved through
 * `itemParameter`, so 10,000 items cost milliseconds, not a pass of the expression engine each.
 */
export function messageReaders(ctx: IExecuteFunctions, items: INodeExecutionData[]) {
	const p = <T>(name: string, fallback?: T) => itemParameter<T>(ctx, items, name, fallback);
	const inputMode = p<string>('inputMode', 'fields');
	const objectJson = p<unknown>('objectJson');
	const commentId = p<unknown>('commentId', '');
	const timestamp = p<unknown>('timestamp', '');
	const body = p<unknown>('text', '');
	const subject = p<unknown>('subject', '');
	const from = p<unknown>('from', '');
	const to = p<unknown>('to', '');
	const properties = p<PropertyRow[]>('userProperties.property', []);

	const message = (i: number): Message => {
		const subjectText = text(subject(i));
		const fromText = text(from(i));
		const recipients = splitList(to(i));
		return {
			body: { text: text(body(i)) },
			...(subjectText ? { subject: { text: subjectText } } : {}),
			...(fromText ? { from: fromText } : {}),
			...(recipients?.length ? { to: recipients } : {}),
		};
	};

	return {
		comment(i: number): NewComment {
			if (inputMode(i) === 'json') return objectOf(objectJson(i)) as unknown as NewComment;
			const id = commentId(i);
			const userProperties = userPropertiesOf(properties(i));
			return {
				id: typeof id === 'number' ? String(id) : (id as string),
				timestamp: timestamp(i) as string,
				messages: [message(i)],
				...(userProperties ? { user_properties: userProperties } : {}),
			};
		},
		document(i: number): Document {
			if (inputMode(i) === 'json') return objectOf(objectJson(i)) as unknown as Document;
			const stamp = text(timestamp(i)) || undefined;
			const userProperties = userPropertiesOf(properties(i));
			return {
				messages: [message(i)],
				...(stamp ? { timestamp: stamp } : {}),
				...(userProperties ? { user_properties: userProperties } : {}),
			};
		},
	};
}
