import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LabelScore, PrimerClient } from '../../../../clients/primer';
import { locatorValue, modelLocator } from '../common';

const properties: INodeProperties[] = [
	modelLocator({ description: 'The (deployed) model to ask' }),
	{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 4 }, default: '={{ $json.text }}', required: true, description: 'The content to analyze' },
];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['predict'] } }, properties);

/**
 * The model's predictions for one text per item (`POST /models/{id}/predictions`). Classifier
 * results also get `predicted_labels`: the labels whose classification is true.
 */
export async function executeItem(this: IExecuteFunctions, i: number, client: PrimerClient): Promise<IDataObject> {
	const modelId = locatorValue(this, 'model', i);
	const text = this.getNodeParameter('text', i, '') as unknown;
	const result = await client.predict(modelId, typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text));
	const scores = result.labels.filter((l): l is LabelScore => typeof (l as LabelScore).classification === 'boolean');
	return {
		model_id: modelId,
		model_type: result.model_type,
		labels: result.labels as IDataObject[],
		...(scores.length === result.labels.length && scores.length > 0 ? { predicted_labels: scores.filter((l) => l.classification).map((l) => l.label) } : {}),
	};
}
