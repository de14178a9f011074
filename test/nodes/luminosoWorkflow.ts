import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode, INodeParameters, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
// The helper n8n's own request helpers use (not re-exported from n8n-core's index).
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import { chain, itemsNode, loadPackage, manualTrigger, runWorkflow, type CredentialsByType, type WorkflowNodeInput } from '../harness/n8n';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password' };

/** Builds "Manual Trigger -> Items -> Luminoso Compass" node JSON. */
export function luminosoNode(parameters: IDataObject, extra: Partial<WorkflowNodeInput> = {}): WorkflowNodeInput {
	return {
		name: 'Compass',
		type: 'n8n-nodes-textai.luminosoCompass',
		typeVersion: 1,
		parameters: parameters as INodeParameters,
		credentials: { luminosoCompassApi: { id: '1', name: 'Compass emulator' } },
		...extra,
	};
}

export function loginCredentials(url: string, username = ADMIN.email, password = ADMIN.password): CredentialsByType {
	return { luminosoCompassApi: { url, authentication: 'login', username, password } };
}

export function tokenCredentials(url: string, apiToken: string): CredentialsByType {
	return { luminosoCompassApi: { url, authentication: 'token', apiToken } };
}

/** Logs in directly (POST /login/) and returns the token. */
export async function apiLogin(apiUrl: string, username = ADMIN.email, password = ADMIN.password): Promise<string> {
	const res = await fetch(`${apiUrl}/login/`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
	return ((await res.json()) as { token: string }).token;
}

/** Operations run so far, as "resource.operation" (to prove every one was exercised). */
export const exercised = new Set<string>();

export async function runCompass(credentials: CredentialsByType, parameters: IDataObject, items: IDataObject[] = [{}], extra: Partial<WorkflowNodeInput> = {}) {
	exercised.add(`${parameters.resource}.${parameters.operation}`);
	const result = await runWorkflow({ workflow: chain(manualTrigger(), itemsNode(items), luminosoNode(parameters, extra)), credentials, timeoutMs: 120_000 });
	const out = result.outputByNode.Compass?.[0] ?? [];
	return { ...result, json: out.map((item) => item.json), items: out };
}

export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
export const byList = (value: string | number) => ({ __rl: true, mode: 'list', value: String(value) });
export const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });

/** The ID at the end of an API URL. */
export const lastSegment = (url: unknown) => String(url).split('/').filter(Boolean).pop()!;

/**
 * What n8n does for "Test credential" with a `test.request`: runs preAuthentication (the login)
 * when the expirable field is empty, applies the credential's authentication, and sends the
 * request to the resolved URL through n8n's HTTP helper. Returns the status.
 */
export async function testCredential(data: ICredentialDataDecryptedObject): Promise<{ status: number; body: unknown }> {
	const pkg = await loadPackage();
	const type = pkg.credentialTypes.luminosoCompassApi;
	const credentials: ICredentialDataDecryptedObject = { authentication: 'login', sessionToken: '', ...data };
	const helpers = { httpRequest: (options: IHttpRequestOptions) => httpRequest(options) };
	if (typeof type.preAuthentication === 'function' && !credentials.sessionToken) Object.assign(credentials, await type.preAuthentication.call({ helpers } as never, credentials));
	const nodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes });
	const node = { id: 'x', name: 'x', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	const resolve = (value: string) => String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, ''));
	const request = type.test!.request;
	let options: IHttpRequestOptions = { method: request.method ?? 'GET', url: `${resolve(String(request.baseURL))}${request.url}`, returnFullResponse: true, ignoreHttpStatusErrors: true, json: true };
	if (typeof type.authenticate === 'function') options = await type.authenticate(credentials, options);
	const response = (await httpRequest(options)) as { statusCode: number; body: unknown };
	return { status: response.statusCode, body: response.body };
}
