/**
 * Test helpers for the Apres nodes:
 * - `runApres`: "Manual Trigger -> Items -> Apres" through n8n's engine (test/harness/n8n.ts).
 * - `TriggerHost`: what n8n does for a webhook trigger of an active workflow, with n8n-core's own
 *   contexts: the webhook lifecycle (`checkExists` / `create` / `delete` in a HookContext) on
 *   activation and deactivation, and a real HTTP endpoint standing in for n8n's `/webhook/...`
 *   route that runs the node's `webhook()` in a WebhookContext for each call, replying as n8n
 *   does (the node's own response, or 200 once the workflow was started with the emitted items).
 *   Credentials use the credential type's generic `authenticate`, as n8n's CredentialsHelper does.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookContext, WebhookContext } from 'n8n-core';
import {
	ApplicationError,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	Workflow,
	deepCopy,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { chain, itemsNode, loadPackage, manualTrigger, runWorkflow, type CredentialsByType, type HarnessItem, type WorkflowNodeInput } from '../harness/n8n';

export const APRES_NODE = 'n8n-nodes-textai.apres';
export const APRES_TRIGGER = 'n8n-nodes-textai.apresTrigger';

export function credentialsFor(baseUrl: string, apiKey: string): CredentialsByType {
	return { apresApi: { apiKey, baseUrl } };
}

export function apresNode(parameters: IDataObject, extra: Partial<WorkflowNodeInput> = {}): WorkflowNodeInput {
	return {
		name: 'apres',
		type: APRES_NODE,
		typeVersion: 1,
		parameters: parameters as INodeParameters,
		credentials: { apresApi: { id: '1', name: 'Apres emulator' } },
		...extra,
	};
}

export async function runApres(
	credentials: CredentialsByType,
	parameters: IDataObject,
	items: Array<IDataObject | HarnessItem> = [{}],
	options: { extra?: Partial<WorkflowNodeInput>; staticData?: IDataObject; nodes?: WorkflowNodeInput[] } = {},
) {
	const workflow = chain(manualTrigger(), itemsNode(items), apresNode(parameters, options.extra));
	workflow.nodes.push(...(options.nodes ?? []));
	workflow.staticData = options.staticData;
	const result = await runWorkflow({ workflow, credentials, startNode: 'Manual Trigger', timeoutMs: 60_000 });
	const out = result.outputByNode.apres?.[0] ?? [];
	return { ...result, json: out.map((item) => item.json), items: out };
}

export const byList = (value: string) => ({ __rl: true, mode: 'list', value });
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

// ---------------------------------------------------------------------------------------------

class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}
	getByName(name: string) {
		const type = this.types[name];
		if (!type) throw new ApplicationError(`Unrecognized node type: ${name}`);
		return type;
	}
	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}
	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Generic-auth credentials, resolved the way packages/cli's CredentialsHelper does. */
class CredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly store: CredentialsByType,
	) {
		super();
	}
	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new ApplicationError(`Unrecognized credential type: ${name}`);
		return type;
	}
	getParentTypes(): string[] {
		return [];
	}
	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
	async getDecrypted(_a: IWorkflowExecuteAdditionalData, _n: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store[type];
		if (!stored) throw new ApplicationError(`No credentials of type ${type}`);
		return NodeHelpers.getNodeParameters(this.type(type).properties, deepCopy(stored) as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
	}
	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions, workflow: Workflow, node: INode): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;
		const resolve = (value: string) =>
			isExpression(value) ? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '') : value;
		const target = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [outer, values] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(values as Record<string, string>)) {
				target[outer] ??= {};
				target[outer][resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new ApplicationError('not supported by the trigger host');
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
}

interface ResponseStub {
	statusCode?: number;
	body?: unknown;
	status(code: number): ResponseStub;
	json(body: unknown): ResponseStub;
	send(body: unknown): ResponseStub;
	end(): ResponseStub;
}

export interface WebhookCall {
	body: unknown;
	status: number;
	response: unknown;
	/** What the trigger emitted: n8n would start one execution with these items. */
	emitted?: INodeExecutionData[][];
}

/**
 * Hosts one workflow's Apres Trigger the way an n8n instance does while the workflow is active.
 * `staticData` is the workflow's static data (what n8n stores in its database).
 */
export class TriggerHost {
	readonly calls: WebhookCall[] = [];
	staticData: IDataObject = {};
	webhookBaseUrl = '';
	private server?: http.Server;
	private nodeTypes?: NodeTypes;
	private credentialsHelper?: CredentialsHelper;
	readonly webhookId = randomUUID();

	constructor(
		private readonly triggerParameters: IDataObject,
		private readonly credentials: CredentialsByType,
		readonly triggerName = 'Apres Trigger',
	) {}

	get node(): INode {
		return {
			id: 'trigger-node',
			name: this.triggerName,
			type: APRES_TRIGGER,
			typeVersion: 1,
			position: [0, 0],
			webhookId: this.webhookId,
			parameters: deepCopy(this.triggerParameters) as INodeParameters,
			credentials: { apresApi: { id: '1', name: 'Apres emulator' } },
		};
	}

	/** The node as it appears in workflow JSON (for runApres `nodes`). */
	get workflowNode(): WorkflowNodeInput {
		return { ...this.node };
	}

	async start(): Promise<this> {
		const pkg = await loadPackage();
		this.nodeTypes = new NodeTypes(pkg.nodeTypes);
		this.credentialsHelper = new CredentialsHelper(pkg.credentialTypes, this.credentials);
		this.server = http.createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.webhookBaseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
		return this;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
	}

	private workflow(): Workflow {
		return new Workflow({ id: 'apres-trigger-workflow', name: 'Apres trigger', nodes: [this.node], connections: {}, active: true, nodeTypes: this.nodeTypes!, staticData: deepCopy(this.staticData), settings: {} });
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			executionId: `trigger-${randomUUID()}`,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			webhookBaseUrl: this.webhookBaseUrl,
			webhookWaitingBaseUrl: `${this.webhookBaseUrl}-waiting`,
			webhookTestBaseUrl: `${this.webhookBaseUrl}-test`,
			variables: {},
			userId: 'harness-user',
			logAiEvent: () => {},
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(workflow: Workflow, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		const type = this.nodeTypes!.getByNameAndVersion(APRES_TRIGGER, 1);
		const description = type.description.webhooks![0];
		return { httpMethod: 'POST', node: this.triggerName, path: `${this.webhookId}/${String(description.path)}`, webhookDescription: description, workflowId: workflow.id, workflowExecuteAdditionalData: additionalData, webhookId: this.webhookId };
	}

	/** Runs one lifecycle method as n8n's ActiveWorkflowManager does, then keeps the static data. */
	async lifecycle(method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		const workflow = this.workflow();
		const additionalData = this.additionalData();
		const type = this.nodeTypes!.getByNameAndVersion(APRES_TRIGGER, 1);
		const context = new HookContext(workflow, workflow.getNode(this.triggerName)!, additionalData, 'trigger', 'activate', this.webhookData(workflow, additionalData));
		const result = await type.webhookMethods!.default![method]!.call(context);
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return result;
	}

	/** Activation: register unless it already exists (n8n: createWebhookIfNotExists). */
	async activate(): Promise<void> {
		if (!(await this.lifecycle('checkExists'))) await this.lifecycle('create');
	}

	async deactivate(): Promise<void> {
		await this.lifecycle('delete');
	}

	get productionUrl(): string {
		return `${this.webhookBaseUrl}/${this.webhookId}/apres`;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		let text = '';
		for await (const chunk of req) text += chunk;
		let body: unknown;
		try {
			body = text ? JSON.parse(text) : {};
		} catch {
			body = {};
		}
		if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== new URL(this.productionUrl).pathname) {
			res.writeHead(404).end();
			return;
		}
		const stub: ResponseStub = {
			status(code) {
				stub.statusCode = code;
				return stub;
			},
			json(value) {
				stub.body = value;
				return stub;
			},
			send(value) {
				stub.body = value;
				return stub;
			},
			end() {
				return stub;
			},
		};
		const workflow = this.workflow();
		const additionalData = this.additionalData({ httpRequest: { body, headers: req.headers, query: {}, params: {} } as never, httpResponse: stub as never });
		const context = new WebhookContext(workflow, workflow.getNode(this.triggerName)!, additionalData, 'webhook', this.webhookData(workflow, additionalData), [], null);
		const type = this.nodeTypes!.getByNameAndVersion(APRES_TRIGGER, 1);
		let call: WebhookCall;
		try {
			const result = await type.webhook!.call(context);
			if (result.noWebhookResponse) call = { body, status: stub.statusCode ?? 200, response: stub.body };
			else if (result.workflowData) call = { body, status: 200, response: { message: 'Workflow was started' }, emitted: result.workflowData };
			else call = { body, status: 200, response: result.webhookResponse ?? { message: 'Webhook call received' } };
		} catch (error) {
			call = { body, status: 500, response: { message: (error as Error).message } };
		}
		this.calls.push(call);
		const payload = JSON.stringify(call.response ?? {});
		res.writeHead(call.status, { 'content-type': 'application/json' }).end(payload);
	}
}

