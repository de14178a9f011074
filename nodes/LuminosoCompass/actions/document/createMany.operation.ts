import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { DEFAULT_POST_BATCH, LUMINOSO_PLATFORM, MAX_POST_BATCH, validateDocument, type LuminosoClient } from '../../../../clients/luminoso';
import { toNodeError } from '../../../shared/errors';
import { readAndGroup } from '../../../shared/grouping';
import type { BatchOutcome } from '../../../shared/router';
import { asData, projectId, projectLocator } from '../common';
import { documentFields, readDocument } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	...documentFields(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_POST_BATCH },
				default: DEFAULT_POST_BATCH,
				description: 'Documents per request (sent as one list)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['createMany'] } }, properties);

/**
 * Adds the documents of all input items, as lists of up to Batch Size per request. Every item is
 * checked first; nothing is sent while one is invalid (unless Continue On Fail, which reports it
 * and sends the others). Output: one item per document created.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: LuminosoClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const { batchSize = DEFAULT_POST_BATCH } = this.getNodeParameter('options', 0, {}) as { batchSize?: number };
	const { groups, outcomes } = await readAndGroup(
		items.length,
		(i) => {
			const doc = readDocument(this, i);
			const issues = validateDocument(doc, i);
			return { value: doc, issues, key: issues.length ? undefined : projectId(this, i) };
		},
		{ node: this.getNode(), platform: LUMINOSO_PLATFORM, operation: 'addDocuments', continueOnFail },
	);

	for (const { key: project, values, indices } of groups) {
		let sent = 0;
		try {
			await client.addDocuments(project, values, {
				batchSize,
				onBatch: ({ size, results }) => {
					results.forEach((doc, k) => outcomes.push({ json: asData(doc), pairedItems: [indices[sent + k]] }));
					sent += size;
				},
			});
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, indices[sent]);
			nodeError.description = [nodeError.description, `${sent} of ${values.length} documents were added to project ${project} before the failure.`].filter(Boolean).join('\n');
			if (!continueOnFail) throw nodeError;
			outcomes.push(...indices.slice(sent).map((itemIndex) => ({ error: nodeError, itemIndex })));
		}
	}
	return outcomes;
}
