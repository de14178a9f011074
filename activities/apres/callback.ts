import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '../shared/connections';

/**
 * Apres calls back on every state change of a task batch (POST to the batch's `webhook_url`). The
 * worker's receiver (worker/apresCallbacks.ts) hands each call to the job that created the batch.
 *
 * Each job gets its own unguessable URL:
 *   <TEXTAI_APRES_CALLBACK_URL>/apres/callbacks/<job id>/<nonce>/<token>
 * where the nonce is drawn by the job's workflow (new for every run) and the token is
 * HMAC-SHA256(TEXTAI_APRES_CALLBACK_SECRET, "apres-callback\n<job id>\n<nonce>") in base64url. The
 * receiver recomputes it (stateless: any worker with the same secret can verify any job's calls),
 * so the token never needs to be stored, and it is never written to Temporal history: the
 * activity that creates the batch builds the URL on the worker and only sends it to Apres.
 */
export const CALLBACK_PATH = '/apres/callbacks';
export const MIN_SECRET_LENGTH = 16;

export interface ApresCallbackSettings {
	/** Base URL at which Apres reaches the receiver (scheme, host, port, optional path prefix). */
	publicUrl: string;
	secret: string;
}

export interface CallbackListenSettings {
	port: number;
	host: string;
}

/**
 * TEXTAI_APRES_CALLBACK_SECRET (at least 16 characters) and TEXTAI_APRES_CALLBACK_URL (the public
 * base URL), or TEXTAI_APRES_CALLBACK_PORT alone for a receiver reachable at
 * http://<TEXTAI_APRES_CALLBACK_HOST or 127.0.0.1>:<port>. Undefined when none is set: jobs then
 * rely on polling only.
 */
export function callbackSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ApresCallbackSettings | undefined {
	const listen = callbackListenFromEnv(env);
	const url = env.TEXTAI_APRES_CALLBACK_URL?.trim() || (listen ? `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}` : '');
	const secret = env.TEXTAI_APRES_CALLBACK_SECRET ?? '';
	if (!url && !secret) return undefined;
	if (secret.length < MIN_SECRET_LENGTH) throw new ConfigurationError(`TEXTAI_APRES_CALLBACK_SECRET must be set (at least ${MIN_SECRET_LENGTH} characters) for Apres callbacks`);
	if (!url) throw new ConfigurationError('TEXTAI_APRES_CALLBACK_URL (or TEXTAI_APRES_CALLBACK_PORT) must be set when TEXTAI_APRES_CALLBACK_SECRET is');
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new ConfigurationError(`TEXTAI_APRES_CALLBACK_URL must be an absolute http(s) URL, got "${url}"`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigurationError(`TEXTAI_APRES_CALLBACK_URL must be an http(s) URL, got "${url}"`);
	return { publicUrl: url.replace(/\/+$/, ''), secret };
}

export function callbackListenFromEnv(env: NodeJS.ProcessEnv = process.env): CallbackListenSettings | undefined {
	const text = env.TEXTAI_APRES_CALLBACK_PORT?.trim();
	if (!text) return undefined;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError(`TEXTAI_APRES_CALLBACK_PORT must be a port number, got "${text}"`);
	return { port, host: env.TEXTAI_APRES_CALLBACK_HOST?.trim() || '127.0.0.1' };
}

/** The token of one job run's callback URL. */
export function callbackToken(secret: string, jobId: string, nonce: string): string {
	return createHmac('sha256', secret).update(`apres-callback\n${jobId}\n${nonce}`, 'utf8').digest('base64url');
}

/** Constant-time check of a presented token. */
export function verifyCallbackToken(secret: string, jobId: string, nonce: string, presented: string): boolean {
	const expected = Buffer.from(callbackToken(secret, jobId, nonce), 'utf8');
	const given = Buffer.from(presented, 'utf8');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

export function callbackUrl(settings: ApresCallbackSettings, jobId: string, nonce: string): { url: string; token: string } {
	const token = callbackToken(settings.secret, jobId, nonce);
	return { url: `${settings.publicUrl}${CALLBACK_PATH}/${encodeURIComponent(jobId)}/${encodeURIComponent(nonce)}/${token}`, token };
}

const PATH = new RegExp(`${CALLBACK_PATH}/([^/]+)/([A-Za-z0-9-]{1,64})/([A-Za-z0-9_-]{1,128})/?$`);

/** The job id, nonce and token of a callback path (any prefix before /apres/callbacks is allowed). */
export function parseCallbackPath(pathname: string): { jobId: string; nonce: string; token: string } | undefined {
	const match = PATH.exec(pathname);
	if (!match) return undefined;
	try {
		return { jobId: decodeURIComponent(match[1]), nonce: match[2], token: match[3] };
	} catch {
		return undefined;
	}
}
