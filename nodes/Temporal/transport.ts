import type { IAllExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { redact } from '../../clients/core';
import { payloadKeySecrets, settle, TemporalClient } from '../../clients/temporal';
import { n8nSleep, n8nTransport } from '../shared/transport';

export const TEMPORAL_CREDENTIAL = 'temporalApi';

type Context = Pick<IAllExecuteFunctions, 'helpers' | 'getCredentials' | 'getNode'>;

interface TemporalCredentials {
	baseUrl: string;
	namespace: string;
	apiKey?: string;
	taskQueue?: string;
	payloadSecretKeys?: string;
}

/** What every operation gets: the shared Temporal client and the credential's default task queue. */
export interface TemporalJobs {
	client: TemporalClient;
	taskQueue: string;
}

/**
 * The shared Temporal HTTP API client, sending through n8n's authenticated HTTP helper (the
 * credential adds the Bearer API key). Payload keys stay inside the client: they are redacted from
 * every error, never put into an output item.
 */
export async function createTemporalJobs(context: Context): Promise<TemporalJobs> {
	const credentials = await context.getCredentials<TemporalCredentials>(TEMPORAL_CREDENTIAL);
	const payloadKeys = credentials.payloadSecretKeys?.trim() || undefined;
	const secrets = [credentials.apiKey ?? '', ...payloadKeySecrets(payloadKeys)];
	const created = settle(
		() =>
			new TemporalClient({
				baseUrl: credentials.baseUrl,
				namespace: credentials.namespace,
				payloadKeys,
				transport: n8nTransport(context, TEMPORAL_CREDENTIAL),
				sleep: n8nSleep,
				secrets,
			}),
	);
	if (!created.ok) {
		// parseKeyRing names the key id and the problem, never the key itself; redact anyway.
		throw new NodeOperationError(context.getNode(), `The Temporal credential is not usable: ${redact(created.reason, secrets)}`, {
			description: 'Check the Payload Encryption Keys ("id:base64-of-32-bytes", comma-separated) and the namespace.',
		});
	}
	return { client: created.value, taskQueue: credentials.taskQueue?.trim() || 'textai' };
}
