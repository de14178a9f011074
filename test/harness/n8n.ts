/**
 * Test harness: runs n8n workflow JSON through n8n's real engine (n8n-core `WorkflowExecute`),
 * with node and credential types loaded from a community-node package directory exactly as n8n
 * loads them (`PackageDirectoryLoader(pkgDir).loadAll()` reading package.json's `n8n` section).
 *
 *   const workflow = chain(
 *     manualTrigger(),
 *     itemsNode([{ text: 'a' }, { text: 'b' }]),             // harness.items: feeds N items
 *     { name: 'Reinfer', type: 'n8n-nodes-textai.reinfer', parameters: { ... },
 *       credentials: { reinferApi: { id: '1', name: 're:infer' } } },   // needed, as in n8n
 *   );
 *   const result = await runWorkflow({ workflow, credentials: { reinferApi: { ... } } });
 *   expect(result.status).toBe('success');                    // or 'error' + result.error
 *   expect(result.outputByNode['Reinfer'][0]).toHaveLength(2);
 *
 *   const first = await runPoll({ workflow, nodeName: 'Trigger', credentials });
 *   const second = await runPoll({ workflow, nodeName: 'Trigger', credentials, staticData: first.staticData });
 *
 * The default package is the repository root, loaded from its compiled `dist/` (build first).
 *
 * What is real: the engine (node ordering, pairedItem assignment, continue-on-fail, error
 * wrapping), the node execution contexts and their helpers (httpRequest*, binary helpers,
 * getWorkflowStaticData), PollContext + TriggersAndPollers for polling, expression evaluation.
 * What is stood in for: n8n's CLI services (DB-backed credentials, static-data persistence, the
 * n8n-nodes-base package). The credentials helper below follows packages/cli's CredentialsHelper:
 * defaults from the credential's properties, expression resolution, generic authentication and
 * preAuthentication with an expirable hidden field (the refreshed value is written back into the
 * `credentials` object the caller passed, the way n8n writes it back to its database).
 */
import { Container } from '@n8n/di';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	Credentials,
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	PollContext,
	WorkflowExecute,
	getAdditionalKeys,
} from 'n8n-core';
// Not re-exported from n8n-core's index in 1.122.x, hence the deep imports.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import {
	ApplicationError,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	deepCopy,
	isExpression,
} from 'n8n-workflow';
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IPinData,
	IRequestOptionsSimplified,
	IRun,
	ITaskData,
	ITriggerFunctions,
	ITriggerResponse,
	IConnections,
	IExecuteFunctions,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// Process environment. n8n-core's InstanceSettings (constructed lazily by every node context)
// creates `$N8N_USER_FOLDER/.n8n/config` with an encryption key: point it at a temp dir so tests
// never touch ~/.n8n. Keep n8n's own logger quiet unless the caller asked for a level.
// ---------------------------------------------------------------------------------------------
if (process.env.N8N_USER_FOLDER === undefined) {
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));
	process.env.N8N_USER_FOLDER = userFolder;
	const cleanUp = () => rmSync(userFolder, { recursive: true, force: true });
	// Inside jest, `process` is the test environment's copy and never sees 'exit': use afterAll.
	if (typeof afterAll === 'function') afterAll(cleanUp);
	else process.once('exit', cleanUp);
}
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-harness-encryption-key';
process.env.N8N_LOG_LEVEL ??= 'silent';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A node as written in workflow JSON; id/position/parameters may be omitted in tests. */
export type WorkflowNodeInput = Omit<INode, 'id' | 'position' | 'parameters' | 'typeVersion'> & {
	id?: string;
	position?: [number, number];
	parameters?: INodeParameters;
	typeVersion?: number;
};

/** The parts of an n8n workflow export the harness uses. */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNodeInput[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject | null;
	pinData?: IPinData;
}

/** Credential data by credential type name (e.g. `reinferApi`), as the user would type it in n8n. */
export type CredentialsByType = Record<string, ICredentialDataDecryptedObject>;

export interface LoadedPackage {
	packageName: string;
	directory: string;
	/** Keyed `<packageName>.<name>`, e.g. `n8n-nodes-textai.reinfer`, like n8n registers them. */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** Keyed by the credential's own `name` (n8n does not prefix credential types). */
	credentialTypes: Record<string, ICredentialType>;
}

export interface HarnessError {
	message: string;
	description?: string | null;
	/** e.g. NodeApiError, NodeOperationError */
	name?: string;
	/** Name of the node the error belongs to, if the engine knows it. */
	nodeName?: string;
	httpCode?: string | null;
	context?: IDataObject;
	/** The error object exactly as stored in the run data. */
	raw: unknown;
}

export interface RunWorkflowOptions {
	workflow: WorkflowJson;
	/** Mutated in place when preAuthentication refreshes an expirable field (like n8n's DB). */
	credentials?: CredentialsByType;
	/** Package whose n8n section to load. Defaults to the repository root (n8n-nodes-textai). */
	pkgDir?: string;
	/** Start node name. Defaults to the first trigger node. */
	startNode?: string;
	/**
	 * Start the way n8n does when an active workflow's trigger or poll fires: the start node passes
	 * on these outputs instead of running (e.g. `(await runPoll(...)).items`). Implies mode 'trigger'.
	 */
	triggerOutput?: INodeExecutionData[][];
	/**
	 * Engine execution mode. Default 'manual' ("Execute workflow" in the editor: the start trigger
	 * runs its manual path), or 'trigger' when `triggerOutput` is given.
	 */
	mode?: WorkflowExecuteMode;
	pinData?: IPinData;
	/** Cancel the run after this long (default 10 s) so a hanging node fails the test fast. */
	timeoutMs?: number;
}

export interface RunWorkflowResult {
	status: ExecutionStatus;
	/** Per node: the outputs (`data.main`) of its last run; `[0]` is the first output's items. */
	outputByNode: Record<string, INodeExecutionData[][]>;
	/** Items on the first output of the last node that ran. */
	lastNodeOutput: INodeExecutionData[];
	error?: HarnessError;
	/** Node names in the order they finished. */
	nodeExecutionOrder: string[];
	/** Workflow static data after the run. */
	staticData: IDataObject;
	/** The raw IRun, for anything not surfaced above. */
	run: IRun;
}

export interface RunPollOptions {
	workflow: WorkflowJson;
	nodeName: string;
	credentials?: CredentialsByType;
	/** Workflow static data from the previous poll (`result.staticData`). */
	staticData?: IDataObject;
	pkgDir?: string;
	/** Default 'trigger' (an active workflow's poll). 'manual' = the editor's "Fetch test event". */
	mode?: WorkflowExecuteMode;
	/** Default 'activate'. */
	activation?: WorkflowActivateMode;
}

export interface RunPollResult {
	/** What poll() returned: null means "nothing new" and n8n starts no execution. */
	items: INodeExecutionData[][] | null;
	/** In-memory static data after the poll: what the next poll of an active workflow sees. */
	staticData: IDataObject;
	/**
	 * What n8n writes to its database: it saves static data only when the poll emits (returns
	 * non-null). Changes made by a poll that returns null survive in memory but not a restart.
	 */
	savedStaticData: IDataObject;
}

// ---------------------------------------------------------------------------------------------
// Package loading
// ---------------------------------------------------------------------------------------------

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURE_PACKAGE_DIR = path.join(__dirname, 'fixture-package');

const packageCache = new Map<string, Promise<LoadedPackage>>();

/** Load a community node package the way n8n does. Cached per directory. */
export async function loadPackage(pkgDir: string = REPO_ROOT): Promise<LoadedPackage> {
	const directory = path.resolve(pkgDir);
	let cached = packageCache.get(directory);
	if (!cached) {
		cached = (async () => {
			const loader = new PackageDirectoryLoader(directory);
			try {
				await loader.loadAll();
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				throw new ApplicationError(
					`Could not load the n8n package at ${directory}: ${message}` +
						' (its package.json n8n section points at compiled files: run `npm run build` first?)',
					{ cause: error },
				);
			}
			const nodeTypes: LoadedPackage['nodeTypes'] = {};
			for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
				nodeTypes[`${loader.packageName}.${name}`] = type;
			}
			const credentialTypes: LoadedPackage['credentialTypes'] = {};
			for (const [name, { type }] of Object.entries(loader.credentialTypes)) {
				credentialTypes[name] = type;
			}
			return { packageName: loader.packageName, directory, nodeTypes, credentialTypes };
		})();
		packageCache.set(directory, cached);
		cached.catch(() => packageCache.delete(directory));
	}
	return await cached;
}

// ---------------------------------------------------------------------------------------------
// Stand-ins for the n8n-nodes-base nodes tests need
// ---------------------------------------------------------------------------------------------

/** `n8n-nodes-base.manualTrigger`: like n8n's, it emits one empty item from manualTriggerFunction. */
class ManualTriggerStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'When clicking ‘Execute workflow’',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Harness stand-in for the manual trigger',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** `n8n-nodes-base.noOp`: passes its input through. */
class NoOpStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'Harness stand-in for NoOp',
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** Shape of one entry of the `harness.items` node's `items` parameter. */
export interface HarnessItem {
	json: IDataObject;
	/** Binary properties given as base64; stored through n8n's binary data service. */
	binary?: Record<string, { data: string; mimeType: string; fileName?: string }>;
}

/**
 * `harness.items` (harness-only, not an n8n node): emits the items in its `items` parameter
 * (a JSON string or an array; a plain object entry means `{ json: entry }`), once, whatever its
 * input. Use it to feed N items, optionally with binary data, into the node under test.
 */
class ItemsStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Harness Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const entries = (typeof raw === 'string' ? JSON.parse(raw) : raw) as unknown;
		if (!Array.isArray(entries)) {
			throw new ApplicationError('harness.items: "items" must be a JSON array');
		}
		const out: INodeExecutionData[] = [];
		for (const entry of entries as Array<IDataObject | HarnessItem>) {
			const isItem = typeof entry.json === 'object' && entry.json !== null;
			const item: INodeExecutionData = {
				json: isItem ? (entry as HarnessItem).json : (entry as IDataObject),
				pairedItem: { item: 0 },
			};
			const binary = isItem ? (entry as HarnessItem).binary : undefined;
			if (binary) {
				item.binary = {};
				for (const [key, b] of Object.entries(binary)) {
					item.binary[key] = await this.helpers.prepareBinaryData(
						Buffer.from(b.data, 'base64'),
						b.fileName,
						b.mimeType,
					);
				}
			}
			out.push(item);
		}
		return [out];
	}
}

const BUILT_IN_NODE_TYPES: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTriggerStandIn(),
	'n8n-nodes-base.noOp': new NoOpStandIn(),
	'harness.items': new ItemsStandIn(),
};

// ---------------------------------------------------------------------------------------------
// Registries
// ---------------------------------------------------------------------------------------------

class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) {
			throw new ApplicationError(
				`Unrecognized node type: ${nodeType} (known: ${Object.keys(this.types).join(', ')})`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Follows packages/cli's CredentialsHelper, with the caller's object standing in for the DB. */
class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly store: CredentialsByType,
		private readonly nodeTypes: INodeTypes,
	) {
		super();
	}

	private getType(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new ApplicationError(`Unrecognized credential type: ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getType(type);
		if (credentialType.extends === undefined) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private stored(nodeCredentials: INodeCredentialsDetails, type: string) {
		const data = this.store[type];
		if (!data) {
			throw new ApplicationError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}". ` +
					'Pass it in runWorkflow({ credentials: { [type]: data } }).',
			);
		}
		return data;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const original = deepCopy(this.stored(nodeCredentials, type));
		if (raw === true) return original;

		// Defaults for properties the user did not fill (e.g. an empty expirable token).
		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			try {
				data = workflow.expression.getParameterValue(
					data as INodeParameters,
					runExecutionData,
					runIndex,
					itemIndex,
					node.name,
					connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				if (e instanceof Error) e.message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			data = this.mockWorkflow().expression.getComplexParameterValue(
				MOCK_NODE,
				data as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	private mockWorkflow(): Workflow {
		return new Workflow({ nodes: [MOCK_NODE], connections: {}, active: false, nodeTypes: this.nodeTypes });
	}

	private resolveValue(value: string, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode) {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved as string) : '';
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const wf = workflow ?? this.mockWorkflow();
			const nd = node ?? MOCK_NODE;
			requestOptions.headers ??= {};
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					target[outerKey] ??= {};
					target[outerKey][this.resolveValue(key, credentials, wf, nd)] = this.resolveValue(
						value,
						credentials,
						wf,
						nd,
					);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;

		// Persist the refreshed field(s) like n8n's DB update, leaving stored expressions alone.
		const stored = this.stored(node.credentials[typeName] ?? { id: null, name: '' }, typeName);
		for (const [key, value] of Object.entries(output as ICredentialDataDecryptedObject)) {
			if (key === expirable.name || !isExpression(stored[key])) stored[key] = value;
		}
		return Object.assign(credentials, output);
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const credentials = new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
		credentials.setData(this.stored(nodeCredentials, type));
		return credentials;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		Object.assign(this.stored(nodeCredentials, type), data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.stored(nodeCredentials, type).oauthTokenData = data.oauthTokenData;
	}
}

const MOCK_NODE: INode = {
	id: 'harness-mock',
	name: '',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

// ---------------------------------------------------------------------------------------------
// Shared setup
// ---------------------------------------------------------------------------------------------

interface Environment {
	pkg: LoadedPackage;
	nodeTypes: HarnessNodeTypes;
	credentialsHelper: HarnessCredentialsHelper;
}

let timersQuieted = false;

/**
 * n8n-core's SSHClientsManager (created by every trigger/poll context) starts a ref'd 60 s
 * cleanup interval that keeps jest from exiting. Unref it: it only matters in a long-lived n8n.
 */
function quietBackgroundTimers() {
	if (timersQuieted) return;
	timersQuieted = true;
	const ssh = Container.get(SSHClientsManager) as unknown as { cleanupTimer?: NodeJS.Timeout };
	ssh.cleanupTimer?.unref();
}

async function createEnvironment(pkgDir: string | undefined, credentials: CredentialsByType): Promise<Environment> {
	quietBackgroundTimers();
	const pkg = await loadPackage(pkgDir ?? REPO_ROOT);
	const nodeTypes = new HarnessNodeTypes({ ...BUILT_IN_NODE_TYPES, ...pkg.nodeTypes });
	// Accept `<packageName>.<credentialName>` keys too; n8n itself uses the plain name.
	const prefix = `${pkg.packageName}.`;
	for (const key of Object.keys(credentials)) {
		if (key.startsWith(prefix) && !(key.slice(prefix.length) in credentials)) {
			credentials[key.slice(prefix.length)] = credentials[key];
		}
	}
	const credentialsHelper = new HarnessCredentialsHelper(pkg.credentialTypes, credentials, nodeTypes);
	return { pkg, nodeTypes, credentialsHelper };
}

function normalizeNodes(nodes: WorkflowNodeInput[]): INode[] {
	return nodes.map((node, index) => ({
		...node,
		id: node.id ?? `node-${index}`,
		position: node.position ?? [index * 220, 0],
		parameters: deepCopy(node.parameters ?? {}),
		typeVersion: node.typeVersion ?? 1,
	}));
}

function buildWorkflow(json: WorkflowJson, nodeTypes: INodeTypes, staticData?: IDataObject | null): Workflow {
	return new Workflow({
		id: json.id ?? 'harness-workflow',
		name: json.name ?? 'Harness workflow',
		nodes: normalizeNodes(json.nodes),
		connections: deepCopy(json.connections),
		active: false,
		nodeTypes,
		staticData: deepCopy(staticData ?? json.staticData ?? {}),
		settings: json.settings ?? {},
	});
}

let executionCounter = 0;

function createAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks: ExecutionLifecycleHooks | undefined,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const notSupported = (what: string) => async () => {
		throw new ApplicationError(`${what} is not supported by the test harness`);
	};
	const base = 'http://localhost:5678';
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		variables: {},
		userId: 'harness-user',
		executeWorkflow: notSupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		startRunnerTask: notSupported('Task runners (Code node)'),
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

function plainStaticData(workflow: Workflow): IDataObject {
	return JSON.parse(JSON.stringify(workflow.staticData ?? {})) as IDataObject;
}

function toHarnessError(error: unknown, fallbackNode?: string): HarnessError {
	const e = (error ?? {}) as Record<string, unknown>;
	const node = e.node as INode | undefined;
	return {
		message: String(e.message ?? error),
		description: (e.description as string | null | undefined) ?? undefined,
		name: (e.name as string | undefined) ?? (error instanceof Error ? error.constructor.name : undefined),
		nodeName: node?.name ?? fallbackNode,
		httpCode: (e.httpCode as string | null | undefined) ?? undefined,
		context: e.context as IDataObject | undefined,
		raw: error,
	};
}

function findStartNode(workflow: Workflow, startNode: string | undefined): INode {
	if (startNode) {
		const node = workflow.getNode(startNode);
		if (!node) throw new ApplicationError(`Start node "${startNode}" is not in the workflow`);
		return node;
	}
	const trigger = Object.values(workflow.nodes).find((node) => {
		if (node.disabled) return false;
		const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		return Boolean(type.trigger || type.poll || type.webhook) || type.description.group.includes('trigger');
	});
	const node = trigger ?? workflow.getStartNode();
	if (!node) throw new ApplicationError('The workflow has no node to start from');
	return node;
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** Run a workflow through n8n-core's WorkflowExecute and collect its outputs. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult> {
	const { credentials = {}, triggerOutput, timeoutMs = 10_000 } = options;
	const mode = options.mode ?? (triggerOutput ? 'trigger' : 'manual');
	const env = await createEnvironment(options.pkgDir, credentials);
	const workflow = buildWorkflow(options.workflow, env.nodeTypes);

	const executionId = `harness-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		settings: workflow.settings,
		activeVersionId: null,
	});
	const nodeExecutionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		nodeExecutionOrder.push(nodeName);
	});

	const additionalData = createAdditionalData(env.credentialsHelper, hooks, executionId);
	const workflowExecute = new WorkflowExecute(additionalData, mode);
	const startNode = findStartNode(workflow, options.startNode);
	const pinData = options.pinData ?? options.workflow.pinData;
	const triggerToStartFrom = triggerOutput
		? {
				name: startNode.name,
				data: { startTime: Date.now(), executionTime: 0, executionIndex: 0, source: [], data: { main: triggerOutput } } as ITaskData,
			}
		: undefined;
	const execution = workflowExecute.run(workflow, startNode, undefined, pinData, triggerToStartFrom);

	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			execution.cancel();
			reject(new ApplicationError(`Workflow run did not finish within ${timeoutMs} ms`));
		}, timeoutMs);
	});
	let run: IRun;
	try {
		run = await Promise.race([execution, timeout]);
	} finally {
		clearTimeout(timer);
	}

	const { runData, lastNodeExecuted, error } = run.data.resultData;
	const outputByNode: Record<string, INodeExecutionData[][]> = {};
	for (const [nodeName, tasks] of Object.entries(runData)) {
		const main = tasks.at(-1)?.data?.main;
		outputByNode[nodeName] = (main ?? []).map((items) => items ?? []);
	}
	const lastNodeOutput = lastNodeExecuted ? (outputByNode[lastNodeExecuted]?.[0] ?? []) : [];

	return {
		status: run.status,
		outputByNode,
		lastNodeOutput,
		error: error ? toHarnessError(error, lastNodeExecuted) : undefined,
		nodeExecutionOrder,
		staticData: plainStaticData(workflow),
		run,
	};
}

/**
 * Run one polling trigger's poll() the way an active n8n workflow does
 * (ActiveWorkflows.activatePolling: a PollContext + TriggersAndPollers.runPoll).
 * Feed `result.staticData` into the next call to simulate the next cron tick.
 */
export async function runPoll(options: RunPollOptions): Promise<RunPollResult> {
	const { credentials = {}, mode = 'trigger', activation = 'activate' } = options;
	const env = await createEnvironment(options.pkgDir, credentials);
	const workflow = buildWorkflow(options.workflow, env.nodeTypes, options.staticData);
	const node = workflow.getNode(options.nodeName);
	if (!node) throw new ApplicationError(`Node "${options.nodeName}" is not in the workflow`);

	const additionalData = createAdditionalData(env.credentialsHelper, undefined, `harness-poll-${++executionCounter}`);
	let emitted: INodeExecutionData[][] | null = null;
	let savedStaticData = deepCopy(options.staticData ?? options.workflow.staticData ?? {});
	const pollFunctions = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		activation,
		(data) => {
			// n8n's ActiveWorkflowManager saves the static data, then starts an execution.
			if (workflow.staticData.__dataChanged === true) savedStaticData = plainStaticData(workflow);
			emitted = data;
		},
		(error) => {
			throw error;
		},
	);

	const ownsIsolate = await workflow.expression.acquireIsolate();
	let items: INodeExecutionData[][] | null;
	try {
		items = await Container.get(TriggersAndPollers).runPoll(workflow, node, pollFunctions);
	} finally {
		if (ownsIsolate) await workflow.expression.releaseIsolate();
	}
	if (items !== null) pollFunctions.__emit(items);

	return { items: emitted, staticData: plainStaticData(workflow), savedStaticData };
}

/**
 * Build a linear workflow: each node's first output feeds the next node's first input.
 * Uses executionOrder v1, the default for workflows created in current n8n.
 */
export function chain(...nodes: WorkflowNodeInput[]): WorkflowJson {
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A manual trigger node (stand-in), named 'Manual Trigger' unless given a name. */
export function manualTrigger(name = 'Manual Trigger'): WorkflowNodeInput {
	return { name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
}

/** A `harness.items` node emitting the given items (plain objects or `{ json, binary }`). */
export function itemsNode(items: Array<IDataObject | HarnessItem>, name = 'Items'): WorkflowNodeInput {
	return { name, type: 'harness.items', typeVersion: 1, parameters: { items: JSON.stringify(items) } };
}
