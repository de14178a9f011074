import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { ValidationError, type ValidationIssue } from '../../../../clients/core';
import { validateUid, type ReinferClient } from '../../../../clients/reinfer';
import { toNodeError } from '../../../shared/errors';
import { byItemIndex, type BatchOutcome } from '../../../shared/router';
import { datasetLocator, getDatasetRef } from '../common';
import { modelVersion, readThreshold, threshold } from './fields';

const properties: INodeProperties[] = [
	datasetLocator({ description: 'The dataset whose model labels the comments' }),
	modelVersion,
	{
		displayName: 'Comment UID',
		name: 'uid',
		type: 'string',
		required: true,
		default: '={{ $json.uid }}',
		placeholder: '18ba5ce699f8da1f.0123456789abcdef',
		description: 'The stored comment, as source_id.comment_id (any source, not only the dataset\'s)',
	},
	threshold,
];

export const description = updateDisplayOptions({ show: { resource: ['prediction'], operation: ['predictComments'] } }, properties);

/** Predicts labels for stored comments, up to 4096 uids per request; one output item per input item. */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: ReinferClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const outcomes: BatchOutcome[] = [];
	const issues: ValidationIssue[] = [];
	const groups = new Map<string, { owner: string; name: string; version: string; threshold?: number; uids: string[]; indices: number[] }>();
	for (let i = 0; i < items.length; i++) {
		const uid = String(this.getNodeParameter('uid', i, '') ?? '').trim();
		const problems = validateUid(uid, i);
		if (problems.length) {
			issues.push(...problems);
			outcomes.push({ error: new ValidationError(problems, 're:infer', 'predictComments'), itemIndex: i });
			continue;
		}
		const { owner, name } = getDatasetRef(this, i);
		const version = String(this.getNodeParameter('modelVersion', i)).trim();
		const thresholdValue = readThreshold(this, i);
		const key = JSON.stringify([owner, name, version, thresholdValue]);
		const group = groups.get(key) ?? { owner, name, version, threshold: thresholdValue, uids: [], indices: [] };
		group.uids.push(uid);
		group.indices.push(i);
		groups.set(key, group);
	}
	if (issues.length && !continueOnFail) throw new ValidationError(issues, 're:infer', 'predictComments');

	for (const group of groups.values()) {
		try {
			const result = await client.predictComments(group.owner, group.name, group.version, group.uids, { threshold: group.threshold });
			const byUid = new Map(result.predictions.map((p) => [p.uid, p]));
			group.indices.forEach((itemIndex, k) => {
				const uid = group.uids[k];
				const prediction = byUid.get(uid) ?? { uid, labels: [] };
				outcomes.push({ json: { ...prediction, model: result.model }, pairedItems: [itemIndex] });
			});
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, group.indices[0]);
			outcomes.push(...group.indices.map((itemIndex) => ({ error, itemIndex })));
		}
	}
	return outcomes.sort(byItemIndex);
}
