import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../../clients/core';
import { toNodeError } from '../shared/errors';
import { hitlLocator, projectLocator } from './actions/common';
import { searchHitls, searchProjects } from './methods/listSearch';
import { createDeepOpinionClient } from './transport';

/** What the trigger remembers between activation and deactivation (workflow static data). */
interface TriggerState {
	projectId?: number;
	hitlId?: number;
	/** The secret query parameter of the registered URL: calls without it are refused. */
	token?: string;
	/** The HITL's webhook_url before activation, restored on deactivation. */
	previousWebhookUrl?: string | null;
	/** Recent delivery ids, to refuse replays. */
	deliveries?: string[];
}

const MAX_REMEMBERED = 200;

function locatorNumber(ctx: IHookFunctions | IWebhookFunctions, name: string): number {
	return Number(ctx.getNodeParameter(name, undefined, { extractValue: true }));
}

function sameSecret(given: unknown, expected: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return typeof given === 'string' && given.length > 0 && timingSafeEqual(digest(given), digest(expected));
}

function registeredUrl(ctx: IHookFunctions, token: string): string {
	const base = ctx.getNodeWebhookUrl('default') as string;
	return `${base}${base.includes('?') ? '&' : '?'}token=${token}`;
}

export class DeepOpinionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DeepOpinion Trigger',
		name: 'deepOpinionTrigger',
		icon: { light: 'file:deepopinion.svg', dark: 'file:deepopinion.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=HITL {{$parameter["hitl"].value}}',
		description: 'Starts the workflow when the human reviews of a document in a DeepOpinion HITL are complete',
		defaults: { name: 'DeepOpinion Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'deepOpinionApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					"DeepOpinion calls one webhook URL per HITL. Activating this workflow points the HITL's webhook URL at n8n; deactivating it gives back the URL it had before. A Temporal HITL job waiting on the same HITL takes the URL over while it waits.",
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			projectLocator({ description: 'The project of the HITL' }),
			hitlLocator({ description: 'The HITL whose completed reviews start the workflow' }),
			{
				displayName: 'Include Review Data',
				name: 'includeReviews',
				type: 'boolean',
				default: true,
				description: "Whether to fetch the document's reviews (extracted and reviewed values) from DeepOpinion and add them to the output",
			},
		],
	};

	methods = { listSearch: { searchHitls, searchProjects } };

	webhookMethods = {
		default: {
			/** Active when the HITL's webhook_url is this node's URL with its current token. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				if (!state.token) return false;
				const client = await createDeepOpinionClient(this);
				try {
					const hitl = await client.getHitl(locatorNumber(this, 'project'), locatorNumber(this, 'hitl'));
					return hitl.webhook_url === registeredUrl(this, state.token);
				} catch (error) {
					if (error instanceof ApiError && error.status === 404) return false;
					throw toNodeError(this.getNode(), error);
				}
			},

			/** Registers n8n's URL (with a fresh secret token) as the HITL's webhook_url, remembering the one before. */
			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				const projectId = locatorNumber(this, 'project');
				const hitlId = locatorNumber(this, 'hitl');
				const client = await createDeepOpinionClient(this);
				try {
					const hitl = await client.getHitl(projectId, hitlId);
					const base = this.getNodeWebhookUrl('default') as string;
					// A URL of this very node (an earlier token) is not worth restoring.
					const ours = typeof hitl.webhook_url === 'string' && hitl.webhook_url.split('?')[0] === base.split('?')[0];
					const token = randomBytes(24).toString('hex');
					await client.updateHitl(projectId, hitlId, { webhook_url: registeredUrl(this, token) });
					Object.assign(state, { projectId, hitlId, token, previousWebhookUrl: ours ? (state.previousWebhookUrl ?? null) : (hitl.webhook_url ?? null), deliveries: [] });
					return true;
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
			},

			/** Gives the HITL its previous webhook_url back, if it still points at this node. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				if (!state.token || state.projectId === undefined || state.hitlId === undefined) return true;
				const client = await createDeepOpinionClient(this);
				try {
					const hitl = await client.getHitl(state.projectId, state.hitlId);
					if (hitl.webhook_url === registeredUrl(this, state.token)) await client.updateHitl(state.projectId, state.hitlId, { webhook_url: state.previousWebhookUrl ?? '' });
				} catch (error) {
					if (!(error instanceof ApiError && error.status === 404)) throw toNodeError(this.getNode(), error);
				}
				for (const key of ['projectId', 'hitlId', 'token', 'previousWebhookUrl', 'deliveries'] as const) delete state[key];
				return true;
			},
		},
	};

	/**
	 * One item per document whose reviews are complete. Calls without the registered token (401),
	 * for another HITL (409), or repeating a delivery already received (409) start nothing.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const refuse = (status: number, error: string): IWebhookResponseData => {
			res.status(status).json({ error });
			return { noWebhookResponse: true };
		};
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const query = this.getQueryData() as { token?: unknown };
		if (!state.token || !sameSecret(query.token, state.token)) return refuse(401, 'invalid webhook token');
		const body = this.getBodyData();
		const hitlId = locatorNumber(this, 'hitl');
		if (!Number.isInteger(body.hitl_id) || !Number.isInteger(body.document_id)) return refuse(400, 'not a HITL review event: hitl_id and document_id are required');
		if (body.hitl_id !== hitlId) return refuse(409, `the event is for HITL ${String(body.hitl_id)}, this trigger listens to HITL ${hitlId}`);
		const deliveryId = typeof body.delivery_id === 'string' ? body.delivery_id : '';
		const deliveries = state.deliveries ?? [];
		if (deliveryId && deliveries.includes(deliveryId)) return refuse(409, `delivery ${deliveryId} was already received`);
		if (deliveryId) state.deliveries = [...deliveries, deliveryId].slice(-MAX_REMEMBERED);

		const item: IDataObject = { ...body, received_at: new Date().toISOString() };
		if (this.getNodeParameter('includeReviews', true) as boolean) {
			const client = await createDeepOpinionClient(this);
			try {
				const reviews = await client.listHitlReviews(locatorNumber(this, 'project'), hitlId, { withFullData: true });
				item.reviews = reviews.filter((r) => r.document_id === body.document_id) as unknown as IDataObject[];
			} catch (error) {
				throw toNodeError(this.getNode(), error);
			}
		}
		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
