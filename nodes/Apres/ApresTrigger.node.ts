import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ApiError } from '../../clients/core';
import { parseWebhookEvent, taskBatchPhase } from '../../clients/apres';
import { TRIGGER_URL_KEY, triggerUrlOf } from './actions/common';
import { createApresClient } from './transport';

function respond(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

function stateList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((s) => s.trim().toLowerCase())
		.filter(Boolean);
}

export class ApresTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apres Trigger',
		name: 'apresTrigger',
		icon: { light: 'file:apres.svg', dark: 'file:apres.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["states"] || "all state changes" }}',
		description: 'Starts the workflow when an Apres task batch changes state (confirmed, in progress, completed, ...)',
		defaults: { name: 'Apres Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'apresApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'apres' }],
		properties: [
			{
				displayName:
					'Apres notifies the webhook URL given when a task batch is created; it has no API to register one. The Apres node\'s Create Task Batch in this workflow sends this trigger\'s URL by itself while the workflow is active. For batches created elsewhere, copy this node\'s Production URL into their webhook_url (the Webhook URL option of Create Task Batch).',
				name: 'urlNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Only States',
				name: 'states',
				type: 'string',
				default: '',
				placeholder: 'completed, failed',
				description: 'Emit only these states, separated by commas; leave empty for every state change',
			},
			{
				displayName: 'Verify With Apres',
				name: 'verify',
				type: 'boolean',
				default: true,
				description:
					'Whether to look the task batch up with the credential\'s recipe before emitting: calls about batches the recipe does not have are refused (404), and the item carries the batch as Apres reports it',
			},
			{
				displayName: 'Include Output When Completed',
				name: 'includeOutput',
				type: 'boolean',
				default: false,
				description: 'Whether to add the batch\'s output (rows, CSV URL, statistics) to completed events',
			},
		],
	};

	webhookMethods = {
		default: {
			// Apres has no webhook registry: the URL is attached to each task batch. "Registering" it means
			// publishing it in the workflow's static data, where the Apres node's Create Task Batch finds it.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return triggerUrlOf(this.getWorkflowStaticData('global')) === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default');
				if (!url) return false;
				this.getWorkflowStaticData('global')[TRIGGER_URL_KEY] = url;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('global');
				if (triggerUrlOf(staticData) === this.getNodeWebhookUrl('default')) delete staticData[TRIGGER_URL_KEY];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { event, problems } = parseWebhookEvent(this.getBodyData());
		if (!event) return respond(this, 400, { error: `not an Apres task batch notification: ${problems.join('; ')}` });

		const wanted = stateList(this.getNodeParameter('states', ''));
		if (wanted.length && !wanted.includes(event.state)) return { webhookResponse: { received: true, emitted: false } };

		const item: IDataObject = { ...event, received_at: new Date().toISOString() };
		const verify = this.getNodeParameter('verify', true) as boolean;
		const includeOutput = this.getNodeParameter('includeOutput', false) as boolean;
		if (verify || includeOutput) {
			const client = await createApresClient(this);
			try {
				// Output is added to completion events only (and only once Apres agrees the batch is complete).
				let completed = taskBatchPhase({ state: event.state }) === 'completed';
				if (verify) {
					const batch = await client.getTaskBatch(event.task_batch_id);
					item.task_batch = batch as unknown as IDataObject;
					completed &&= taskBatchPhase(batch) === 'completed';
				}
				if (includeOutput && completed) item.output = (await client.getTaskBatchOutput(event.task_batch_id)) as unknown as IDataObject;
			} catch (error) {
				if (error instanceof ApiError && error.status === 404) return respond(this, 404, { error: 'unknown task batch' });
				// Apres could not confirm the event now: refuse it so that a retry can deliver it.
				this.logger.warn(`Apres Trigger: could not look up task batch ${event.task_batch_id}: ${(error as Error).message}`);
				return respond(this, 503, { error: 'could not look the task batch up with Apres, try again later' });
			}
		}
		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
