import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { MAX_FETCH_SIZE, type TriggerResult } from '../../clients/reinfer';
import { toNodeError } from '../shared/errors';
import { datasetLocator } from './actions/common';
import { searchDatasets } from './methods/listSearch';
import { createReinferClient } from './transport';

interface TriggerState {
	/** Position fetched and emitted by the previous poll, committed at the start of the next one. */
	pendingSequenceId?: string;
	/** Keys (uid@last_modified) emitted by the previous poll, to never emit them twice. */
	delivered?: string[];
}

function resultKey(result: TriggerResult): string {
	return `${result.comment.uid}@${result.comment.last_modified ?? ''}`;
}

export class ReinferTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 're:infer Trigger',
		name: 'reinferTrigger',
		icon: { light: 'file:reinfer.svg', dark: 'file:reinfer.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["trigger"] }}',
		description: 'Starts the workflow with new comments from a re:infer dataset trigger',
		defaults: { name: 're:infer Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reinferApi', required: true }],
		properties: [
			{
				displayName:
					'Delivery: at least once. Each poll emits one item per comment, then commits the trigger position at the start of the next poll, so a comment is never lost if n8n stops mid-way. Within an activation no comment is emitted twice. For exactly-once effects on long streams, use the Temporal stream consumer.',
				name: 'deliveryNotice',
				type: 'notice',
				default: '',
			},
			datasetLocator({ description: 'The dataset the trigger belongs to' }),
			{ displayName: 'Trigger Name', name: 'trigger', type: 'string', required: true, default: '', placeholder: 'dispute', description: 'The name of the dataset\'s trigger' },
			{
				displayName: 'Batch Size',
				name: 'size',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_FETCH_SIZE },
				default: 100,
				description: 'The most comments one poll emits (1 to 1024)',
			},
		],
	};

	methods = { listSearch: { searchDatasets } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const datasetValue = String(this.getNodeParameter('dataset', undefined, { extractValue: true }));
		const [owner, dataset] = datasetValue.split('/');
		if (!owner || !dataset) throw new NodeOperationError(this.getNode(), `Dataset must be given as owner/name, got "${datasetValue}"`);
		const trigger = String(this.getNodeParameter('trigger')).trim();
		const size = this.getNodeParameter('size') as number;
		const client = await createReinferClient(this);

		try {
			if (this.getMode() === 'manual') {
				// "Fetch Test Event": show what would arrive, without committing anything.
				const preview = await client.fetchTrigger(owner, dataset, trigger, size);
				return preview.results.length ? [this.helpers.returnJsonArray(preview.results.map((r) => ({ ...r, sequence_id: preview.sequence_id }) as unknown as IDataObject))] : null;
			}

			const state = this.getWorkflowStaticData('node') as TriggerState;
			if (state.pendingSequenceId) {
				await client.advanceTrigger(owner, dataset, trigger, state.pendingSequenceId);
				delete state.pendingSequenceId;
			}
			const delivered = new Set(state.delivered ?? []);
			const batch = await client.fetchTrigger(owner, dataset, trigger, size);
			const fresh = batch.results.filter((r) => !delivered.has(resultKey(r)));
			if (fresh.length === 0) {
				// Everything fetched was already emitted: commit it now.
				if (batch.results.length) await client.advanceTrigger(owner, dataset, trigger, batch.sequence_id);
				state.delivered = [];
				return null;
			}
			state.pendingSequenceId = batch.sequence_id;
			state.delivered = fresh.map(resultKey);
			return [this.helpers.returnJsonArray(fresh.map((r) => ({ ...r, sequence_id: batch.sequence_id }) as unknown as IDataObject))];
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}
