import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { chain, itemsNode, manualTrigger, runWorkflow, type CredentialsByType, type WorkflowNodeInput } from '../harness/n8n';
import { REINFER_TOKEN, type LocalStack as TemporalTestEnv } from '../../scripts/temporal/localStack';

/** The Textai Jobs node as it appears in workflow JSON. */
export function textaiJobsNode(parameters: IDataObject, extra: Partial<WorkflowNodeInput> = {}): WorkflowNodeInput {
	return {
		name: 'jobs',
		type: 'n8n-nodes-textai.textaiJobs',
		typeVersion: 1,
		parameters: parameters as INodeParameters,
		credentials: { temporalApi: { id: '1', name: 'Temporal dev server' } },
		...extra,
	};
}

/** The credential pointing at the test env's dev server HTTP API, with the workers' payload keys. */
export function temporalCredentials(env: TemporalTestEnv, extra: IDataObject = {}): CredentialsByType {
	return {
		temporalApi: {
			baseUrl: env.server.httpUrl,
			namespace: env.settings.namespace,
			apiKey: '',
			taskQueue: env.settings.taskQueue,
			payloadSecretKeys: env.payloadKeys,
			...extra,
		},
	};
}

/** Runs "Manual Trigger -> Items -> Textai Jobs" through n8n's engine. */
export async function runJobs(credentials: CredentialsByType, parameters: IDataObject, options: { items?: IDataObject[]; extra?: Partial<WorkflowNodeInput>; timeoutMs?: number } = {}) {
	const workflow = chain(manualTrigger(), itemsNode(options.items ?? [{}]), textaiJobsNode(parameters, options.extra));
	const result = await runWorkflow({ workflow, credentials, timeoutMs: options.timeoutMs ?? 30_000 });
	const items = result.outputByNode.jobs?.[0] ?? [];
	return { ...result, items, json: items.map((item) => item.json) };
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Repeats `check` until it stops throwing (or the time is up, then throws its last error). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000, intervalMs = 200): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await check();
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
		}
	}
}

export async function createSource(env: TemporalTestEnv, name: string): Promise<string> {
	const res = await fetch(`${env.emulator.url}/api/v1/sources/acme/${name}`, {
		method: 'PUT',
		headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' },
		body: JSON.stringify({ source: { title: name } }),
	});
	if (!res.ok) throw new Error(`creating source ${name}: HTTP ${res.status}`);
	return ((await res.json()) as { source: { id: string } }).source.id;
}

export async function createDataset(env: TemporalTestEnv, name: string, sourceIds: string[]): Promise<void> {
	const res = await fetch(`${env.emulator.url}/api/v1/datasets/acme/${name}`, {
		method: 'PUT',
		headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' },
		body: JSON.stringify({ dataset: { title: name, source_ids: sourceIds } }),
	});
	if (!res.ok) throw new Error(`creating dataset ${name}: HTTP ${res.status}`);
}

interface Payload {
	metadata?: Record<string, string>;
	data?: string;
}

/** Every payload in a JSON document (objects with a base64 `metadata.encoding`), with the path it sits at. */
export function findPayloads(value: unknown, path = '$'): Array<{ path: string; payload: Payload }> {
	if (Array.isArray(value)) return value.flatMap((v, i) => findPayloads(v, `${path}[${i}]`));
	if (!value || typeof value !== 'object') return [];
	const record = value as Record<string, unknown>;
	const metadata = record.metadata as Record<string, unknown> | undefined;
	if (metadata && typeof metadata === 'object' && typeof metadata.encoding === 'string') return [{ path, payload: record as Payload }];
	return Object.entries(record).flatMap(([k, v]) => findPayloads(v, `${path}.${k}`));
}

export const decodeB64 = (text: string | undefined) => Buffer.from(text ?? '', 'base64').toString('utf8');
