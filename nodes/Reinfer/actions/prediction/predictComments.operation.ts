import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { validateUid, type ReinferClient } from '../../../../clients/reinfer';
import { readAndGroup } from '../../../shared/grouping';
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
	const { groups, outcomes } = await readAndGroup(
		items.length,
		(i) => {
			const uid = String(this.getNodeParameter('uid', i, '') ?? '').trim();
			const { owner, name } = getDatasetRef(this, i);
			const target = { owner, name, version: String(this.getNodeParameter('modelVersion', i)).trim(), threshold: readThreshold(this, i) };
			return { value: { uid, target }, issues: validateUid(uid, i), key: JSON.stringify(target) };
		},
		{ node: this.getNode(), platform: 're:infer', operation: 'predictComments', continueOnFail },
	);
	for (const group of groups) {
		const { owner, name, version, threshold } = group.values[0].target;
		try {
			const result = await client.predictComments(owner, name, version, group.values.map((v) => v.uid), { threshold });
			const byUid = new Map(result.predictions.map((p) => [p.uid, p]));
			group.indices.forEach((itemIndex, k) => {
				const uid = group.values[k].uid;
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
