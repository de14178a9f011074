import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { ValidationError } from '../../../../clients/core';
import { DEFAULT_POST_BATCH, LUMINOSO_PLATFORM, MAX_POST_BATCH, validateDocument, type LuminosoClient, type NewDocument } from '../../../../clients/luminoso';
import { toNodeError } from '../../../shared/errors';
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
	const outcomes: BatchOutcome[] = [];
	const issues: ValidationError['issues'] = [];
	const groups = new Map<string, { docs: NewDocument[]; indices: number[] }>();
	for (let i = 0; i < items.length; i++) {
		try {
			const doc = readDocument(this, i);
			const problems = validateDocument(doc, i);
			if (problems.length) {
				issues.push(...problems);
				outcomes.push({ error: new ValidationError(problems, LUMINOSO_PLATFORM, 'addDocuments'), itemIndex: i });
				continue;
			}
			const project = projectId(this, i);
			const group = groups.get(project) ?? { docs: [], indices: [] };
			group.docs.push(doc);
			group.indices.push(i);
			groups.set(project, group);
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, i);
			outcomes.push({ error, itemIndex: i });
		}
	}
	if (issues.length && !continueOnFail) throw new ValidationError(issues, LUMINOSO_PLATFORM, 'addDocuments');

	for (const [project, group] of groups) {
		let sent = 0;
		try {
			await client.addDocuments(project, group.docs, {
				batchSize,
				onBatch: ({ size, results }) => {
					results.forEach((doc, k) => outcomes.push({ json: asData(doc), pairedItems: [group.indices[sent + k]] }));
					sent += size;
				},
			});
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, group.indices[sent]);
			nodeError.description = [nodeError.description, `${sent} of ${group.docs.length} documents were added to project ${project} before the failure.`].filter(Boolean).join('\n');
			if (!continueOnFail) throw nodeError;
			outcomes.push(...group.indices.slice(sent).map((itemIndex) => ({ error: nodeError, itemIndex })));
		}
	}
	return outcomes;
}
