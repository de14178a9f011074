import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { projectIdOf, type LuminosoClient, type Message } from '../../clients/luminoso';
import { toNodeError } from '../shared/errors';
import { projectLocator } from './actions/common';
import { searchProjects } from './methods/listSearch';
import { createLuminosoClient } from './transport';

interface TriggerState {
	/** Project and topic the cursor belongs to: changing either starts over. */
	key?: string;
	/** ID of the newest message emitted (the cursor). */
	lastId?: number;
}

const MAX_PAGES = 10_000;

function messageId(message: Message): number {
	return typeof message.id === 'number' ? message.id : Number(message.id);
}

/**
 * Messages with an ID above `after`, oldest first, at most `max`. Pages are read newest first with
 * a moving `older_than_id` bound (keyset paging), so messages added or deleted meanwhile can
 * neither be skipped nor repeated; the oldest `max` are kept.
 */
function firstPage(client: LuminosoClient, project: string, topic: number | undefined, query: object | undefined) {
	return topic === undefined ? client.page<Message>('listMessages', { projectId: project }, query) : client.page<Message>('listTopicMessages', { projectId: project, topicId: topic }, query);
}

/** The highest message ID so far (0 when there is none), whatever order the list is in. */
async function newestId(client: LuminosoClient, project: string, topic: number | undefined): Promise<number> {
	let newest = 0;
	for (let pages = 0; pages < MAX_PAGES; pages++) {
		const page = await firstPage(client, project, topic, { newer_than_id: newest });
		const ids = page.results.map(messageId).filter((id) => Number.isFinite(id) && id > newest);
		if (ids.length === 0) return newest;
		newest = Math.max(...ids);
	}
	return newest;
}

async function messagesAfter(client: LuminosoClient, project: string, topic: number | undefined, after: number, max: number): Promise<Message[]> {
	const kept = new Map<number, Message>();
	let olderThan: number | undefined;
	for (let pages = 0; pages < MAX_PAGES; pages++) {
		const query = { newer_than_id: after, ...(olderThan !== undefined ? { older_than_id: olderThan } : {}) };
		const page = await firstPage(client, project, topic, query);
		const ids = page.results.map(messageId).filter((id) => Number.isFinite(id) && id > after);
		page.results.forEach((m) => {
			const id = messageId(m);
			if (Number.isFinite(id) && id > after) kept.set(id, m);
		});
		// Keep the oldest `max` only: the rest is for the next poll.
		if (kept.size > max) for (const id of [...kept.keys()].sort((a, b) => b - a).slice(0, kept.size - max)) kept.delete(id);
		if (!page.next || ids.length === 0) break;
		const lowest = Math.min(...ids);
		if (olderThan !== undefined && lowest >= olderThan) break;
		olderThan = lowest;
	}
	return [...kept.entries()].sort(([a], [b]) => a - b).map(([, m]) => m);
}

export class LuminosoCompassTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Luminoso Compass Trigger',
		name: 'luminosoCompassTrigger',
		icon: { light: 'file:luminoso.svg', dark: 'file:luminoso.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["scope"] === "topic" ? "topic " + $parameter["topicId"] : "new messages" }}',
		description: 'Starts the workflow with each new message of a Compass project or topic',
		defaults: { name: 'Luminoso Compass Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'luminosoCompassApi', required: true }],
		properties: [
			{
				displayName: 'Emits one item per new message, oldest first, each once: the trigger remembers the ID of the newest message it emitted.',
				name: 'deliveryNotice',
				type: 'notice',
				default: '',
			},
			projectLocator(),
			{
				displayName: 'Watch',
				name: 'scope',
				type: 'options',
				options: [
					{ name: 'All Messages of the Project', value: 'project' },
					{ name: 'Messages in a Topic', value: 'topic' },
				],
				default: 'project',
			},
			{ displayName: 'Topic ID', name: 'topicId', type: 'string', required: true, default: '', displayOptions: { show: { scope: ['topic'] } }, description: 'The number at the end of the topic\'s URL' },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Messages per Poll',
						name: 'maxPerPoll',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 500,
						description: 'The most messages one poll emits; more wait for the next poll',
					},
					{
						displayName: 'Start From',
						name: 'startFrom',
						type: 'options',
						options: [
							{ name: 'Now', value: 'now', description: 'Only messages added after activation' },
							{ name: 'The Beginning', value: 'beginning', description: 'Every message of the project or topic, oldest first' },
						],
						default: 'now',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchProjects } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const project = projectIdOf(String(this.getNodeParameter('project', undefined, { extractValue: true }) ?? ''));
		if (!project) throw new NodeOperationError(this.getNode(), 'Choose a project');
		const scope = this.getNodeParameter('scope') as 'project' | 'topic';
		const topicText = scope === 'topic' ? String(this.getNodeParameter('topicId') ?? '').trim() : '';
		if (scope === 'topic' && !/^\d+$/.test(topicText)) throw new NodeOperationError(this.getNode(), `Topic ID must be the topic's number, got "${topicText}"`);
		const topic = scope === 'topic' ? Number(topicText) : undefined;
		const { maxPerPoll = 500, startFrom = 'now' } = this.getNodeParameter('options', {}) as { maxPerPoll?: number; startFrom?: 'now' | 'beginning' };
		const client = await createLuminosoClient(this);

		try {
			if (this.getMode() === 'manual') {
				// "Fetch Test Event": the newest messages, without moving the cursor.
				const page = await firstPage(client, project, topic, undefined);
				const newest = page.results.slice(0, 5);
				return newest.length ? [this.helpers.returnJsonArray(newest as unknown as IDataObject[])] : null;
			}

			const state = this.getWorkflowStaticData('node') as TriggerState;
			const key = `${project}|${topic ?? ''}`;
			if (state.key !== key) {
				state.key = key;
				delete state.lastId;
			}
			if (state.lastId === undefined) {
				if (startFrom === 'now') {
					state.lastId = await newestId(client, project, topic);
					return null;
				}
				state.lastId = 0;
			}
			const fresh = await messagesAfter(client, project, topic, state.lastId, maxPerPoll);
			if (fresh.length === 0) return null;
			state.lastId = messageId(fresh[fresh.length - 1]);
			return [this.helpers.returnJsonArray(fresh as unknown as IDataObject[])];
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}
