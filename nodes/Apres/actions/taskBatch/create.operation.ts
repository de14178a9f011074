import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { ValidationError, type ValidationIssue } from '../../../../clients/core';
import {
	APRES_PLATFORM,
	validateTaskBatchCreate,
	type ApresClient,
	type Base64File,
	type DeliveryTimeframe,
	type TaskBatchCreate,
	type TaskBatchLocation,
} from '../../../../clients/apres';
import { toNodeError } from '../../../shared/errors';
import { byItemIndex, type BatchOutcome } from '../../../shared/router';
import { triggerUrlOf } from '../common';

const show = (source: string) => ({ show: { source: [source] } });

const properties: INodeProperties[] = [
	{
		displayName: 'Data',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Files From Binary Data', value: 'binary', description: 'Upload the binary files of the input items (sent base64-encoded)' },
			{ name: 'Amazon S3 Bucket', value: 's3', description: 'Process the files in an S3 bucket (optionally under a prefix)' },
			{ name: 'Azure Blob Container', value: 'azureBlob', description: 'Process the blobs of an Azure storage container' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Fields',
		name: 'binaryProperties',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'data, attachment_0',
		description: 'Binary properties holding the files, separated by commas; * takes every binary property of the item',
		displayOptions: show('binary'),
	},
	{
		displayName: 'Send All Items as One Task Batch',
		name: 'combineItems',
		type: 'boolean',
		default: true,
		description: 'Whether the files of all input items go into a single task batch (otherwise one task batch per item)',
		displayOptions: show('binary'),
	},
	{
		displayName: 'Bucket Name',
		name: 'bucketName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'task-test.apres.io',
		displayOptions: show('s3'),
	},
	{
		displayName: 'Region',
		name: 'region',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'us-west-1',
		description: 'The AWS region of the bucket',
		displayOptions: show('s3'),
	},
	{
		displayName: 'Prefix',
		name: 'prefix',
		type: 'string',
		default: '',
		placeholder: 'birds/',
		description: 'Only objects under this prefix (optional)',
		displayOptions: show('s3'),
	},
	{
		displayName: 'Blob Endpoint',
		name: 'blobEndpoint',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://apresio.blob.core.windows.net',
		displayOptions: show('azureBlob'),
	},
	{
		displayName: 'Container',
		name: 'container',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'task-test',
		displayOptions: show('azureBlob'),
	},
	{
		displayName: 'SAS Token',
		name: 'sasToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: '?sv=2017-11-09&ss=b&srt=co&sp=rl&se=...&sig=...',
		description: 'A shared access signature with read and list rights on the container',
		displayOptions: show('azureBlob'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Delivery Timeframe',
				name: 'deliveryTimeframe',
				type: 'options',
				options: [
					{ name: '1 Day', value: 1 },
					{ name: '7 Days', value: 7 },
				],
				default: 7,
				description: 'How soon the results are due (sent with delivery_units "days")',
			},
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…/apres',
				description: 'Fully qualified URL Apres notifies of every state change of the batch, e.g. the Production URL of an Apres Trigger node',
			},
			{
				displayName: 'Use Apres Trigger of This Workflow',
				name: 'useTriggerUrl',
				type: 'boolean',
				default: true,
				description: 'Whether to send the URL of this workflow\'s active Apres Trigger as the webhook URL when no Webhook URL is given',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['taskBatch'], operation: ['create'] } }, properties);

interface CreateOptions {
	deliveryTimeframe?: DeliveryTimeframe;
	webhookUrl?: string;
	useTriggerUrl?: boolean;
}

function settings(ctx: IExecuteFunctions, i: number): Pick<TaskBatchCreate, 'delivery_timeframe' | 'delivery_units' | 'webhook_url'> {
	const options = ctx.getNodeParameter('options', i, {}) as CreateOptions;
	const explicit = options.webhookUrl?.trim();
	const fromTrigger = options.useTriggerUrl === false ? undefined : triggerUrlOf(ctx.getWorkflowStaticData('global'));
	const webhookUrl = explicit || fromTrigger;
	return {
		...(options.deliveryTimeframe === undefined ? {} : { delivery_timeframe: Number(options.deliveryTimeframe) as DeliveryTimeframe, delivery_units: 'days' as const }),
		...(webhookUrl ? { webhook_url: webhookUrl } : {}),
	};
}

function location(ctx: IExecuteFunctions, i: number, source: string): TaskBatchLocation {
	const text = (name: string) => String(ctx.getNodeParameter(name, i, '') ?? '').trim();
	if (source === 's3') {
		const prefix = text('prefix');
		return { type: 's3', bucket_name: text('bucketName'), region: text('region'), ...(prefix ? { prefix } : {}) };
	}
	return { type: 'azure-blob', blob_endpoint: text('blobEndpoint'), container: text('container'), sas_token: text('sasToken') };
}

/** The item's files as `{ file, data }`, names made unique within `taken`. */
async function filesOf(ctx: IExecuteFunctions, items: INodeExecutionData[], i: number, taken: Set<string>): Promise<{ files: Base64File[]; issues: ValidationIssue[] }> {
	const wanted = String(ctx.getNodeParameter('binaryProperties', i, 'data') ?? '').trim();
	const available = Object.keys(items[i].binary ?? {});
	const names = wanted === '*' ? available : wanted.split(',').map((s) => s.trim()).filter(Boolean);
	const issues: ValidationIssue[] = [];
	if (names.length === 0) issues.push({ itemIndex: i, field: 'binary', problem: wanted === '*' ? 'holds no binary data: the item has no file to send' : 'names no binary property' });
	const files: Base64File[] = [];
	for (const name of names) {
		const binary = items[i].binary?.[name];
		if (!binary) {
			issues.push({ itemIndex: i, field: `binary.${name}`, problem: `is missing: the item has ${available.length ? `binary properties ${available.join(', ')}` : 'no binary data'}` });
			continue;
		}
		const bytes = await ctx.helpers.getBinaryDataBuffer(i, name);
		if (bytes.length === 0) {
			issues.push({ itemIndex: i, field: `binary.${name}`, problem: 'is an empty file' });
			continue;
		}
		let file = binary.fileName || `${name}-${i}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
		if (taken.has(file)) file = `${i}-${name}-${file}`;
		taken.add(file);
		files.push({ file, data: bytes.toString('base64') });
	}
	return { files, issues };
}

/**
 * Creates task batches. Files From Binary Data: the files of all items go into one batch (or one
 * per item), every item checked before the request. S3 / Azure: one batch per item. Each batch is
 * validated (location fields of its type, delivery timeframe 1 or 7, webhook URL) before it is sent.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: ApresClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const source = this.getNodeParameter('source', 0) as string;
	const outcomes: BatchOutcome[] = [];
	const create = async (payload: TaskBatchCreate, indices: number[]) => {
		try {
			const batch = await client.createTaskBatch(payload);
			outcomes.push({ json: { ...batch, ...(payload.files ? { file_count: payload.files.length } : {}) } as IDataObject, pairedItems: indices });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, indices[0]);
			outcomes.push(...indices.map((itemIndex) => ({ error, itemIndex })));
		}
	};

	if (source === 'binary' && (this.getNodeParameter('combineItems', 0, true) as boolean)) {
		const files: Base64File[] = [];
		const indices: number[] = [];
		const issues: ValidationIssue[] = [];
		const taken = new Set<string>();
		for (let i = 0; i < items.length; i++) {
			try {
				const found = await filesOf(this, items, i, taken);
				if (found.issues.length) {
					issues.push(...found.issues);
					outcomes.push({ error: new ValidationError(found.issues, APRES_PLATFORM, 'createTaskBatch'), itemIndex: i });
					continue;
				}
				files.push(...found.files);
				indices.push(i);
			} catch (error) {
				if (!continueOnFail) throw toNodeError(this.getNode(), error, i);
				outcomes.push({ error, itemIndex: i });
			}
		}
		if (issues.length && !continueOnFail) throw new ValidationError(issues, APRES_PLATFORM, 'createTaskBatch');
		if (files.length === 0) return outcomes;
		const payload: TaskBatchCreate = { files, ...settings(this, 0) };
		const problems = validateTaskBatchCreate(payload, indices.length === 1 ? indices[0] : undefined);
		if (problems.length) {
			const error = new ValidationError(problems, APRES_PLATFORM, 'createTaskBatch');
			if (!continueOnFail) throw error;
			outcomes.push(...indices.map((itemIndex) => ({ error, itemIndex })));
			return outcomes;
		}
		await create(payload, indices);
		return outcomes;
	}

	// One batch per item: validate them all first, so bad input stops the node before any batch exists.
	const payloads: Array<{ payload: TaskBatchCreate; index: number }> = [];
	const issues: ValidationIssue[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const common = settings(this, i);
			let payload: TaskBatchCreate;
			if (source === 'binary') {
				const found = await filesOf(this, items, i, new Set());
				if (found.issues.length) {
					issues.push(...found.issues);
					outcomes.push({ error: new ValidationError(found.issues, APRES_PLATFORM, 'createTaskBatch'), itemIndex: i });
					continue;
				}
				payload = { files: found.files, ...common };
			} else {
				payload = { location: location(this, i, source), ...common };
			}
			const problems = validateTaskBatchCreate(payload, i);
			if (problems.length) {
				issues.push(...problems);
				outcomes.push({ error: new ValidationError(problems, APRES_PLATFORM, 'createTaskBatch'), itemIndex: i });
				continue;
			}
			payloads.push({ payload, index: i });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, i);
			outcomes.push({ error, itemIndex: i });
		}
	}
	if (issues.length && !continueOnFail) throw new ValidationError(issues, APRES_PLATFORM, 'createTaskBatch');
	for (const { payload, index } of payloads) await create(payload, [index]);
	return outcomes.sort(byItemIndex);
}
