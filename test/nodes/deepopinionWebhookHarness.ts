/**
 * A webhook-trigger harness the shared test/harness/n8n.ts does not (yet) offer: it runs a trigger
 * node's webhookMethods (checkExists / create / delete) in n8n-core's real HookContext, the way
 * n8n's ActiveWorkflowManager activates and deactivates a workflow, and serves the node's webhook
 * URL over real HTTP, calling node.webhook() in n8n-core's real WebhookContext (as n8n's webhook
 * server does). The node and credential types are loaded from the built package exactly as n8n
 * loads them; credentials follow n8n's CredentialsHelper (authenticate + preAuthentication).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Credentials, HookContext, WebhookContext } from 'n8n-core';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { loadPackage, type CredentialsByType } from '../harness/n8n';

class MiniCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, import('n8n-workflow').ICredentialType>,
		private readonly store: CredentialsByType,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type].properties;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const { authenticate } = this.types[typeName];
		if (typeof authenticate !== 'function') throw new Error('the mini harness supports function authenticate only');
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, typeName: string, _node: INode, expired: boolean): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !expired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		Object.assign(this.store[typeName], output);
		return Object.assign(credentials, output);
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const credentials = new Credentials({ id: details.id, name: details.name }, type);
		credentials.setData(this.store[type]);
		return credentials;
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _details: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
		const defaults = NodeHelpers.getNodeParameters(this.types[type].properties, this.store[type] as never, true, false, null, null) as ICredentialDataDecryptedObject;
		return { ...defaults, ...this.store[type] };
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		Object.assign(this.store[type], data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}

export interface WebhookCall {
	status: number;
	body: unknown;
	/** Items the node emitted (a workflow run would start with them), or null. */
	items: INodeExecutionData[] | null;
}

export interface ActiveTrigger {
	/** The node's production webhook URL (without the token the node adds). */
	webhookUrl: string;
	checkExists(): Promise<boolean>;
	/** n8n's activation: create() unless checkExists() says the webhook is registered. */
	activate(): Promise<void>;
	/** n8n's deactivation: delete(). */
	deactivate(): Promise<void>;
	/** Every call the webhook URL received, in order. */
	calls: WebhookCall[];
	staticData(): IDataObject;
	close(): Promise<void>;
}

/** Serves a webhook trigger node of the built package, with the node's static data kept in memory (like an active workflow). */
export async function startWebhookTrigger(options: { node: Omit<INode, 'id' | 'position' | 'typeVersion'> & { typeVersion?: number }; credentials: CredentialsByType }): Promise<ActiveTrigger> {
	const pkg = await loadPackage();
	const nodeTypes: INodeTypes = {
		getByName: (name: string) => pkg.nodeTypes[name] as INodeType | IVersionedNodeType,
		getByNameAndVersion: (name: string, version?: number) => NodeHelpers.getVersionedNodeType(pkg.nodeTypes[name], version),
		getKnownTypes: () => ({}),
	};
	const node: INode = { id: 'trigger-node', position: [0, 0], typeVersion: 1, ...options.node };
	const workflow = new Workflow({ id: 'webhook-workflow', name: 'Webhook workflow', nodes: [node], connections: {}, active: true, nodeTypes, staticData: {}, settings: { executionOrder: 'v1' } });
	const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = type.description.webhooks?.[0];
	if (!description || !type.webhook || !type.webhookMethods) throw new Error(`${node.type} is not a webhook trigger`);
	const credentialsHelper = new MiniCredentialsHelper(pkg.credentialTypes, options.credentials);
	const calls: WebhookCall[] = [];

	const additionalData = (request?: unknown, response?: unknown): IWorkflowExecuteAdditionalData => {
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return {
			credentialsHelper,
			webhookBaseUrl: `${base}/webhook`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			instanceBaseUrl: `${base}/`,
			restApiUrl: `${base}/rest`,
			variables: {},
			currentNodeExecutionIndex: 0,
			httpRequest: request,
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
	};
	const webhookData = (data: IWorkflowExecuteAdditionalData): IWebhookData => ({
		httpMethod: description.httpMethod as 'POST',
		node: node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: data,
		webhookId: node.webhookId,
	});
	const hooks = type.webhookMethods.default!;
	const hookContext = () => {
		const data = additionalData();
		return new HookContext(workflow, node, data, 'trigger', 'activate', webhookData(data));
	};

	const server: http.Server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c: Buffer) => (raw += c.toString()));
		req.on('end', () => {
			void (async () => {
				const url = new URL(req.url ?? '/', 'http://n8n.invalid');
				if (url.pathname !== `/webhook/${node.webhookId}/${String(description.path)}`) {
					res.writeHead(404).end();
					return;
				}
				let parsed: unknown = {};
				try {
					parsed = raw ? JSON.parse(raw) : {};
				} catch {
					parsed = raw;
				}
				const call: WebhookCall = { status: 200, body: undefined, items: null };
				const fakeRes = {
					status(code: number) {
						call.status = code;
						return fakeRes;
					},
					json(body: unknown) {
						call.body = body;
						res.writeHead(call.status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
					},
				};
				const fakeReq = { body: parsed, headers: req.headers, query: Object.fromEntries(url.searchParams), params: {}, method: req.method };
				const data = additionalData(fakeReq, fakeRes);
				try {
					const context = new WebhookContext(workflow, node, data, 'webhook', webhookData(data), [], null);
					const result = await type.webhook!.call(context);
					if (!result.noWebhookResponse) {
						call.items = result.workflowData?.[0] ?? null;
						fakeRes.status(200).json({ message: 'Workflow was started' });
					}
				} catch (error) {
					fakeRes.status(500).json({ message: (error as Error).message });
				}
				calls.push(call);
			})();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

	const checkExists = async () => (await hooks.checkExists!.call(hookContext())) as boolean;
	return {
		webhookUrl: hookContext().getNodeWebhookUrl('default') as string,
		checkExists,
		activate: async () => {
			if (!(await checkExists())) await hooks.create!.call(hookContext());
		},
		deactivate: async () => {
			await hooks.delete!.call(hookContext());
		},
		calls,
		staticData: () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		close: () => new Promise<void>((r) => server.close(() => r())),
	};
}
