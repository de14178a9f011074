import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { ValidationError, type ValidationIssue } from '../../../../clients/core';
import { validateDocument, type Document, type ReinferClient } from '../../../../clients/reinfer';
import { toNodeError } from '../../../shared/errors';
import { byItemIndex, type BatchOutcome } from '../../../shared/router';
import { datasetLocator, getDatasetRef } from '../common';
import { messageInputProperties, readDocument } from '../messageInput';
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
	const outcomes: BatchOutcome[] = [];
	const issues: ValidationIssue[] = [];
	const groups = new Map<string, { owner: string; name: string; version: string; threshold?: number; documents: Document[]; indices: number[] }>();
	for (let i = 0; i < items.length; i++) {
		const document = readDocument(this, i);
		const problems = validateDocument(document, i);
		if (problems.length) {
			issues.push(...problems);
			outcomes.push({ error: new ValidationError(problems, 're:infer', 'predict'), itemIndex: i });
			continue;
		}
		const { owner, name } = getDatasetRef(this, i);
		const version = String(this.getNodeParameter('modelVersion', i)).trim();
		const thresholdValue = readThreshold(this, i);
		const key = JSON.stringify([owner, name, version, thresholdValue]);
		const group = groups.get(key) ?? { owner, name, version, threshold: thresholdValue, documents: [], indices: [] };
		group.documents.push(document);
		group.indices.push(i);
		groups.set(key, group);
	}
	if (issues.length && !continueOnFail) throw new ValidationError(issues, 're:infer', 'predict');

	for (const group of groups.values()) {
		try {
			const result = await client.predict(group.owner, group.name, group.version, group.documents, { threshold: group.threshold });
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
