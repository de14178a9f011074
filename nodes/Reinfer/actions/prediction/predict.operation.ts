import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { validateDocument, type ReinferClient } from '../../../../clients/reinfer';
import { readAndGroup } from '../../../shared/grouping';
import { toNodeError } from '../../../shared/errors';
import { byItemIndex, type BatchOutcome } from '../../../shared/router';
import { datasetLocator, getDatasetRef } from '../common';
import { messageInputProperties, messageReaders } from '../messageInput';
import { modelVersion, readThreshold, threshold } from './fields';

const properties: INodeProperties[] = [
	datasetLocator({ description: 'The dataset whose model labels the documents' }),
	modelVersion,
	...messageInputProperties('document'),
	threshold,
];

export const description = updateDisplayOptions({ show: { resource: ['prediction'], operation: ['predict'] } }, properties);

/**
 * Labels each input item's document with a pinned model version. Items are sent together, up
 * to 4096 documents per request; each output item carries its own labels and entities.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: ReinferClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const read = messageReaders(this, items);
	const { groups, outcomes } = await readAndGroup(
		items.length,
		(i) => {
			const document = read.document(i);
			const { owner, name } = getDatasetRef(this, i);
			const target = { owner, name, version: String(this.getNodeParameter('modelVersion', i)).trim(), threshold: readThreshold(this, i) };
			return { value: { document, target }, issues: validateDocument(document, i), key: JSON.stringify(target) };
		},
		{ node: this.getNode(), platform: 're:infer', operation: 'predict', continueOnFail },
	);
	for (const group of groups) {
		const { owner, name, version, threshold } = group.values[0].target;
		try {
			const result = await client.predict(owner, name, version, group.values.map((v) => v.document), { threshold });
			group.indices.forEach((itemIndex, k) => {
				outcomes.push({
					json: { labels: result.predictions[k] ?? [], ...(result.entities ? { entities: result.entities[k] ?? [] } : {}), model: result.model },
					pairedItems: [itemIndex],
				});
			});
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, group.indices[0]);
			outcomes.push(...group.indices.map((itemIndex) => ({ error, itemIndex })));
		}
	}
	return outcomes.sort(byItemIndex);
}
