import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { ValidationError } from '../../../../clients/core';
import { DEFAULT_POST_BATCH, LUMINOSO_PLATFORM, MAX_POST_BATCH, validateMessage, type LuminosoClient } from '../../../../clients/luminoso';
import { toNodeError } from '../../../shared/errors';
import { readAndGroup } from '../../../shared/grouping';
import type { BatchOutcome } from '../../../shared/router';
import { asData, projectId, projectLocator } from '../common';
import { messageFields, readMessage, readReplace, replaceOptions } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	...messageFields(),
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
				description: 'Messages per request (sent as one list)',
			},
			...replaceOptions(),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['createMany'] } }, properties);

/**
 * Saves the messages of all input items as lists of up to Batch Size, each returned classified.
 * Every item is checked before the first request. With Replace, the first request replaces the
 * matching messages and the next ones add to it. Output: one item per message saved.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: LuminosoClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = (options.batchSize as number | undefined) ?? DEFAULT_POST_BATCH;
	const { replace, filters } = readReplace(options);
	const { groups, outcomes } = await readAndGroup(
		items.length,
		(i) => {
			const message = readMessage(this, i, 'addMessages');
			const issues = validateMessage(message, i);
			return { value: message, issues, key: issues.length ? undefined : projectId(this, i) };
		},
		{ node: this.getNode(), platform: LUMINOSO_PLATFORM, operation: 'addMessages', continueOnFail },
	);
	// Replacing while some items were rejected would delete messages their senders meant to keep.
	const rejected = outcomes.flatMap((o) => ('error' in o && o.error instanceof ValidationError ? o.error.issues : []));
	if (replace && rejected.length) throw new ValidationError(rejected, LUMINOSO_PLATFORM, 'addMessages');

	for (const { key: project, values, indices } of groups) {
		let sent = 0;
		try {
			await client.addMessages(project, values, {
				batchSize,
				replace,
				filters,
				onBatch: ({ size, results }) => {
					results.forEach((message, k) => outcomes.push({ json: asData(message), pairedItems: [indices[sent + k]] }));
					sent += size;
				},
			});
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, indices[sent]);
			nodeError.description = [nodeError.description, `${sent} of ${values.length} messages were saved to project ${project} before the failure.`].filter(Boolean).join('\n');
			if (!continueOnFail) throw nodeError;
			outcomes.push(...indices.slice(sent).map((itemIndex) => ({ error: nodeError, itemIndex })));
		}
	}
	return outcomes;
}
