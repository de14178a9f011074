import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { outMany, projectId, projectLocator, str } from '../common';
import { sessionStatusFilter, upTo } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(),
	sessionStatusFilter(),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'multiOptions',
		options: [
			{ name: 'Annotation', value: 'ANNOTATION' },
			{ name: 'Correction', value: 'CORRECTION' },
		],
		default: [],
		description: 'Which kinds of session to list (none: labeling sessions)',
	},
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['labelingSession'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(upTo(await client.listLabelingSessions(projectId(this, i), { mode: (this.getNodeParameter('mode', i, []) as string[]).join(',') || undefined, status: str(this, 'status', i) || undefined }), limitFor(this, i)));
}
