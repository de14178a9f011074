import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { PrimerAutomateApi } from '../../credentials/PrimerAutomateApi.credentials';
import type { PrimerEmulator } from '../../emulators/primer';
import { chain, itemsNode, manualTrigger, runWorkflow, type CredentialsByType, type HarnessItem, type WorkflowNodeInput } from '../harness/n8n';

export const PRIMER_USER = { username: 'analyst@example.com', password: 'node-test-password-9c1e' };

/** "Manual Trigger -> Items -> Primer Automate" node. */
export function primerNode(parameters: IDataObject, extra: Partial<WorkflowNodeInput> = {}): WorkflowNodeInput {
	return {
		name: 'primer',
		type: 'n8n-nodes-textai.primerAutomate',
		typeVersion: 1,
		parameters: parameters as INodeParameters,
		credentials: { primerAutomateApi: { id: '1', name: 'Primer emulator' } },
		...extra,
	};
}

/** Username/password credentials against the emulator (its API and SSO URLs). */
export function loginCredentials(emulator: PrimerEmulator, user = PRIMER_USER): CredentialsByType {
	return { primerAutomateApi: { authentication: 'login', username: user.username, password: user.password, baseUrl: emulator.apiUrl, ssoUrl: emulator.ssoUrl } };
}

export function tokenCredentials(emulator: PrimerEmulator, token: string): CredentialsByType {
	return { primerAutomateApi: { authentication: 'token', token, baseUrl: emulator.apiUrl } };
}

export async function runPrimer(credentials: CredentialsByType, parameters: IDataObject, items: Array<IDataObject | HarnessItem> = [{}], extra: Partial<WorkflowNodeInput> = {}) {
	const result = await runWorkflow({ workflow: chain(manualTrigger(), itemsNode(items), primerNode(parameters, extra)), credentials, timeoutMs: 60_000 });
	const out = result.outputByNode.primer?.[0] ?? [];
	return { ...result, json: out.map((item) => item.json), items: out };
}

export const byList = (value: string) => ({ __rl: true, mode: 'list', value });
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export const binaryItem = (content: string | Buffer, fileName: string, mimeType: string, json: IDataObject = {}): HarnessItem => ({
	json,
	binary: { data: { data: Buffer.from(content).toString('base64'), mimeType, fileName } },
});

/**
 * A minimal load-options context for the listSearch methods: requests go out with the header the
 * credential's own preAuthentication + authenticate produce, as n8n would send them.
 */
export function loadOptionsContext(credentials: CredentialsByType) {
	const type = new PrimerAutomateApi();
	const data = { ...credentials.primerAutomateApi } as IDataObject;
	const httpRequest = async (options: { method?: string; url: string; body?: unknown; headers?: Record<string, string>; json?: boolean }) => {
		const res = await fetch(options.url, { method: options.method ?? 'GET', headers: { 'Content-Type': 'application/json', ...options.headers }, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
		return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: (await res.json()) as unknown };
	};
	return {
		getCredentials: async () => data,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { method?: string; url: string; body?: unknown; headers?: Record<string, string> }) => {
				if (!data.accessToken) Object.assign(data, await type.preAuthentication.call({ helpers: { httpRequest: async (o: never) => (await httpRequest(o)).body } } as never, data as never));
				return httpRequest(await (type.authenticate(data as never, options as never) as Promise<never>));
			},
		},
	} as never;
}
