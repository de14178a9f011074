import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { chain, itemsNode, manualTrigger, runWorkflow, type CredentialsByType, type HarnessItem, type WorkflowNodeInput } from '../harness/n8n';

export const EMAIL = 'dev@deepopinion.test';
export const PASSWORD = 'dev-password';

/** Builds and runs "Manual Trigger -> Items -> DeepOpinion" through n8n's engine. */
export function deepOpinionNode(parameters: IDataObject, extra: Partial<WorkflowNodeInput> = {}): WorkflowNodeInput {
	return {
		name: 'DeepOpinion',
		type: 'n8n-nodes-textai.deepOpinion',
		typeVersion: 1,
		parameters: parameters as INodeParameters,
		credentials: { deepOpinionApi: { id: '1', name: 'DeepOpinion emulator' } },
		...extra,
	};
}

/** Email/password login (the token field starts empty: n8n logs in through preAuthentication). */
export function loginCredentials(baseUrl: string, email = EMAIL, password = PASSWORD): CredentialsByType {
	return { deepOpinionApi: { authMethod: 'login', email, password, baseUrl, authToken: '' } };
}

export function tokenCredentials(baseUrl: string, token: string): CredentialsByType {
	return { deepOpinionApi: { authMethod: 'token', token, baseUrl, authToken: '' } };
}

export async function runDeepOpinion(credentials: CredentialsByType, parameters: IDataObject, items: Array<IDataObject | HarnessItem> = [{}], extra: Partial<WorkflowNodeInput> = {}) {
	const result = await runWorkflow({ workflow: chain(manualTrigger(), itemsNode(items), deepOpinionNode(parameters, extra)), credentials, timeoutMs: 60_000 });
	const items_ = result.outputByNode.DeepOpinion?.[0] ?? [];
	return { ...result, json: items_.map((item) => item.json as Record<string, any>), items: items_ };
}

export const byId = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });
export const byList = (value: number | string) => ({ __rl: true, mode: 'list', value: String(value) });

/** An item carrying a file as n8n binary data (property "data"). */
export function fileItem(fileName: string, data: Uint8Array, mimeType = 'application/octet-stream', json: IDataObject = {}): HarnessItem {
	return { json, binary: { data: { data: Buffer.from(data).toString('base64'), mimeType, fileName } } };
}
