import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { jobOutcome, type PrimerClient } from '../../../../clients/primer';

const properties: INodeProperties[] = [
	{
		displayName: 'Request Predictions ID',
		name: 'requestPredictionsId',
		type: 'string',
		default: '={{ $json.request_predictions_id }}',
		required: true,
		description: 'The ID returned by Request Bulk Predictions',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['prediction'], operation: ['getStatus'] } }, properties);

/** A bulk prediction job's status (`GET /models/predictions/{id}/status`), with `done` / `succeeded` flags. */
export async function executeItem(this: IExecuteFunctions, i: number, client: PrimerClient): Promise<IDataObject> {
	const raw = this.getNodeParameter('requestPredictionsId', i) as unknown;
	const id = typeof raw === 'number' ? raw : String(raw ?? '').trim();
	const status = await client.getPredictionStatus(id);
	const outcome = jobOutcome(status.status);
	return { request_predictions_id: Number(id), ...status, done: outcome !== 'running', succeeded: outcome === 'succeeded' };
}
