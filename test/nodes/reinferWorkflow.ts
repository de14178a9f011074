import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { chain, itemsNode, manualTrigger, runWorkflow, type CredentialsByType, type WorkflowNodeInput } from '../harness/n8n';

/** Builds and runs "Manual Trigger -> Items -> re:infer" through n8n's engine. */
export function reinferNode(parameters: IDataObject, extra: Partial<WorkflowNodeInput> = {}): WorkflowNodeInput {
	return {
		name: 'reinfer',
		type: 'n8n-nodes-textai.reinfer',
		typeVersion: 1,
		parameters: parameters as INodeParameters,
		credentials: { reinferApi: { id: '1', name: 're:infer emulator' } },
		...extra,
	};
}

export function credentialsFor(baseUrl: string, token: string): CredentialsByType {
	return { reinferApi: { token, baseUrl } };
}

export async function runReinfer(credentials: CredentialsByType, parameters: IDataObject, items: IDataObject[] = [{}], extra: Partial<WorkflowNodeInput> = {}) {
	const result = await runWorkflow({ workflow: chain(manualTrigger(), itemsNode(items), reinferNode(parameters, extra)), credentials, timeoutMs: 120_000 });
	return { ...result, json: (result.outputByNode.reinfer?.[0] ?? []).map((item) => item.json), items: result.outputByNode.reinfer?.[0] ?? [] };
}

export const byName = (value: string) => ({ __rl: true, mode: 'name', value });
export const byList = (value: string) => ({ __rl: true, mode: 'list', value });
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
