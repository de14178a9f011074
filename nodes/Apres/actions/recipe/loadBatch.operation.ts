import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { ValidationError, type ValidationIssue } from '../../../../clients/core';
import { APRES_PLATFORM, parseCsvHeader, toBase64, validateProcessedRow, type ApresClient, type ProcessedRow } from '../../../../clients/apres';
import { toNodeError } from '../../../shared/errors';
import type { BatchOutcome } from '../../../shared/router';

const show = (inputMode: string) => ({ show: { inputMode: [inputMode] } });

const properties: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Build CSV From Input Items', value: 'items', description: 'One CSV row (Input, Type, Output) per input item, all sent as one file' },
			{ name: 'CSV File From Binary Data', value: 'binary', description: 'Each input item carries a CSV file with Input, Type and Output columns' },
		],
		default: 'items',
	},
	{
		displayName: 'Input Value',
		name: 'inputValue',
		type: 'string',
		default: '={{ $json.input }}',
		required: true,
		description: 'The task input of the row, e.g. the URL of an image',
		displayOptions: show('items'),
	},
	{
		displayName: 'Type',
		name: 'typeValue',
		type: 'string',
		default: '={{ $json.type }}',
		description: 'The type of the input, e.g. image/jpeg (optional)',
		displayOptions: show('items'),
	},
	{
		displayName: 'Output',
		name: 'outputValue',
		type: 'string',
		default: '={{ $json.output }}',
		required: true,
		description: 'The correct answer for the input; a list of answers is joined with "|"',
		displayOptions: show('items'),
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: 'batch.csv',
		description: 'The name the CSV file is loaded under',
		displayOptions: show('items'),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary property of each item that holds the CSV file',
		displayOptions: show('binary'),
	},
	{
		displayName: 'Golden Set',
		name: 'goldenSet',
		type: 'boolean',
		default: false,
		description:
			'Whether to load the rows as the recipe\'s Golden Set, which trains experts and the active learning model. A recipe holds one Golden Set: a second one is refused.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['recipe'], operation: ['loadBatch'] } }, properties);

function readRow(ctx: IExecuteFunctions, i: number): ProcessedRow {
	const text = (name: string) => {
		const value = ctx.getNodeParameter(name, i, '') as unknown;
		return value === undefined || value === null ? '' : typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
	};
	const output = text('outputValue');
	const type = text('typeValue');
	return {
		input: text('inputValue') as string,
		...(type === '' ? {} : { type: type as string }),
		output: Array.isArray(output) ? output.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))) : (output as string),
	};
}

/**
 * Items mode: every item becomes one row of a single CSV, validated before the request (an
 * invalid item stops the node, or with Continue On Fail is reported while the others are loaded).
 * Binary mode: each item's CSV file is loaded as it is, one request per item.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: ApresClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const inputMode = this.getNodeParameter('inputMode', 0) as string;
	const outcomes: BatchOutcome[] = [];

	if (inputMode === 'binary') {
		for (let i = 0; i < items.length; i++) {
			try {
				const property = this.getNodeParameter('binaryPropertyName', i) as string;
				const goldenSet = this.getNodeParameter('goldenSet', i, false) as boolean;
				const binary = this.helpers.assertBinaryData(i, property);
				const bytes = await this.helpers.getBinaryDataBuffer(i, property);
				const header = parseCsvHeader(bytes.toString('utf8'));
				if (!header.includes('input') || !header.includes('output')) {
					throw new ValidationError([{ itemIndex: i, field: property, problem: `must be a CSV file with Input, Type and Output columns (found: ${header.join(', ') || 'no header'})` }], APRES_PLATFORM, 'loadBatch');
				}
				const file = binary.fileName || `batch-${i}.csv`;
				const result = await client.loadBatch({ file, data: toBase64(bytes), golden_set: goldenSet });
				outcomes.push({ json: { ...result, file, golden_set: goldenSet } as IDataObject, pairedItems: [i] });
			} catch (error) {
				if (!continueOnFail) throw toNodeError(this.getNode(), error, i);
				outcomes.push({ error, itemIndex: i });
			}
		}
		return outcomes;
	}

	const rows: ProcessedRow[] = [];
	const indices: number[] = [];
	const issues: ValidationIssue[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const row = readRow(this, i);
			const problems = validateProcessedRow(row, i);
			if (problems.length) {
				issues.push(...problems);
				outcomes.push({ error: new ValidationError(problems, APRES_PLATFORM, 'loadBatch'), itemIndex: i });
				continue;
			}
			rows.push(row);
			indices.push(i);
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, i);
			outcomes.push({ error, itemIndex: i });
		}
	}
	if (issues.length && !continueOnFail) throw new ValidationError(issues, APRES_PLATFORM, 'loadBatch');
	if (rows.length === 0) return outcomes;

	const goldenSet = this.getNodeParameter('goldenSet', 0, false) as boolean;
	const file = ((this.getNodeParameter('fileName', 0, '') as string) || 'batch.csv').trim();
	try {
		const result = await client.loadProcessedRows(rows, { file, goldenSet });
		outcomes.push({ json: { ...result, golden_set: goldenSet } as IDataObject, pairedItems: indices });
	} catch (error) {
		if (!continueOnFail) throw toNodeError(this.getNode(), error, indices[0]);
		outcomes.push(...indices.map((itemIndex) => ({ error, itemIndex })));
	}
	return outcomes;
}
