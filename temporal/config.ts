import fs from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { EncryptionCodec } from './codec';

/**
 * Temporal settings from the environment, shared by the worker, the CLI and the demo:
 * - TEMPORAL_ADDRESS (default 127.0.0.1:7233), TEMPORAL_NAMESPACE (default), TEMPORAL_TASK_QUEUE (textai)
 * - TEMPORAL_API_KEY (Temporal Cloud API key; implies TLS)
 * - TEMPORAL_TLS=true, TEMPORAL_TLS_CERT_PATH + TEMPORAL_TLS_KEY_PATH (mTLS), TEMPORAL_TLS_SERVER_NAME,
 *   TEMPORAL_TLS_CA_PATH
 * - TEXTAI_PAYLOAD_KEYS = "<id>:<base64 32 bytes>[,<older id>:<key>]" enables payload encryption.
 */
export interface TemporalSettings {
	address: string;
	namespace: string;
	taskQueue: string;
	apiKey?: string;
	tls?: { clientCertPair?: { crt: Buffer; key: Buffer }; serverNameOverride?: string; serverRootCACertificate?: Buffer } | true;
	payloadKeys?: string;
}

export const DEFAULT_TASK_QUEUE = 'textai';

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
	const certPath = env.TEMPORAL_TLS_CERT_PATH;
	const keyPath = env.TEMPORAL_TLS_KEY_PATH;
	if (!!certPath !== !!keyPath) throw new Error('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together');
	const wantsTls = env.TEMPORAL_TLS === 'true' || !!certPath || !!env.TEMPORAL_API_KEY;
	const tls = wantsTls
		? certPath || env.TEMPORAL_TLS_SERVER_NAME || env.TEMPORAL_TLS_CA_PATH
			? {
					...(certPath && keyPath ? { clientCertPair: { crt: fs.readFileSync(certPath), key: fs.readFileSync(keyPath) } } : {}),
					...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
					...(env.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: fs.readFileSync(env.TEMPORAL_TLS_CA_PATH) } : {}),
				}
			: (true as const)
		: undefined;
	return {
		address: env.TEMPORAL_ADDRESS || '127.0.0.1:7233',
		namespace: env.TEMPORAL_NAMESPACE || 'default',
		taskQueue: env.TEMPORAL_TASK_QUEUE || DEFAULT_TASK_QUEUE,
		apiKey: env.TEMPORAL_API_KEY || undefined,
		tls,
		payloadKeys: env.TEXTAI_PAYLOAD_KEYS || undefined,
	};
}

/** Options shared by the client Connection and the worker NativeConnection. */
export function connectionOptions(settings: TemporalSettings): ConnectionOptions & NativeConnectionOptions {
	return {
		address: settings.address,
		...(settings.tls ? { tls: settings.tls } : {}),
		...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
	} as ConnectionOptions & NativeConnectionOptions;
}

export function dataConverter(settings: TemporalSettings): { payloadCodecs: EncryptionCodec[] } | undefined {
	return settings.payloadKeys ? { payloadCodecs: [EncryptionCodec.fromSpec(settings.payloadKeys)] } : undefined;
}
