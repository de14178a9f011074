import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { PLATFORM, type ClassDef, type DeepOpinionClient } from '../../../../clients/deepopinion';
import { toNodeError } from '../../../shared/errors';
import { readAndGroup } from '../../../shared/grouping';
import { byItemIndex, type BatchOutcome } from '../../../shared/router';
import { compact, out, projectId, projectLocator, str } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Name', name: 'name', type: 'string', default: '={{ $json.name }}', required: true, description: "The class's name" },
	{ displayName: 'Example', name: 'example', type: 'string', default: '', description: 'A usage example' },
	{ displayName: 'Description', name: 'classDescription', type: 'string', default: '', description: 'Helps annotators use the class' },
];

export const description = updateDisplayOptions({ show: { resource: ['class'], operation: ['createMany'] } }, properties);

export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: DeepOpinionClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const { groups, outcomes } = await readAndGroup(
		items.length,
		(i) => {
			const value: ClassDef = { name: str(this, 'name', i), ...compact({ example: str(this, 'example', i), description: str(this, 'classDescription', i) }) };
			return { value, issues: value.name ? [] : [{ itemIndex: i, field: 'name', problem: 'is required and must be non-empty text' }], key: String(projectId(this, i)) };
		},
		{ node: this.getNode(), platform: PLATFORM, operation: 'createClasses', continueOnFail },
	);
	for (const group of groups) {
		try {
			const created = await client.createClasses(Number(group.key), group.values, group.indices);
			created.forEach((c, k) => outcomes.push({ json: out(c), pairedItems: [group.indices[k] ?? group.indices[0]] }));
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, group.indices[0]);
			for (const i of group.indices) outcomes.push({ error, itemIndex: i });
		}
	}
	return outcomes.sort(byItemIndex);
}
