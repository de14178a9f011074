import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '../shared/connections';

/**
 * DeepOpinion POSTs to a HITL's `webhook_url` when the reviews of a document are complete. While
 * a `deepopinion.hitlDocument` job waits, the HITL points at the worker's receiver
 * (worker/deepopinionHitl.ts) with a URL of the job's own:
 *
 *   <TEXTAI_DEEPOPINION_WEBHOOK_URL>/deepopinion/hitl/<job id>/<nonce>/<token>
 *
 * The nonce is drawn by the job's workflow (new for every run); the token is
 * HMAC-SHA256(TEXTAI_DEEPOPINION_WEBHOOK_SECRET, "deepopinion-hitl\n<job id>\n<nonce>") in
 * base64url. The receiver recomputes it (stateless), so the token is never stored, and it never
 * enters Temporal history: activities build the URL on the worker and only send it to DeepOpinion.
 */
export const HITL_PATH = '/deepopinion/hitl';
export const MIN_SECRET_LENGTH = 16;
/** DeepOpinion's limit for `webhook_url`. */
export const MAX_WEBHOOK_URL = 255;

export interface HitlWebhookSettings {
	publicUrl: string;
	secret: string;
}

export function hitlListenFromEnv(env: NodeJS.ProcessEnv = process.env): { port: number; host: string } | undefined {
	const text = env.TEXTAI_DEEPOPINION_WEBHOOK_PORT?.trim();
	if (!text) return undefined;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError(`TEXTAI_DEEPOPINION_WEBHOOK_PORT must be a port number, got "${text}"`);
	return { port, host: env.TEXTAI_DEEPOPINION_WEBHOOK_HOST?.trim() || '127.0.0.1' };
}

/**
 * TEXTAI_DEEPOPINION_WEBHOOK_SECRET (16+ characters) and TEXTAI_DEEPOPINION_WEBHOOK_URL (the base
 * URL DeepOpinion can reach), or the port alone for http://<host>:<port>. Undefined when nothing
 * is set: jobs then poll only.
 */
export function hitlWebhookSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): HitlWebhookSettings | undefined {
	const listen = hitlListenFromEnv(env);
	const url = env.TEXTAI_DEEPOPINION_WEBHOOK_URL?.trim() || (listen ? `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}` : '');
	const secret = env.TEXTAI_DEEPOPINION_WEBHOOK_SECRET ?? '';
	if (!url && !secret) return undefined;
	if (secret.length < MIN_SECRET_LENGTH) throw new ConfigurationError(`TEXTAI_DEEPOPINION_WEBHOOK_SECRET must be set (at least ${MIN_SECRET_LENGTH} characters) for DeepOpinion HITL webhooks`);
	if (!url) throw new ConfigurationError('TEXTAI_DEEPOPINION_WEBHOOK_URL (or TEXTAI_DEEPOPINION_WEBHOOK_PORT) must be set when TEXTAI_DEEPOPINION_WEBHOOK_SECRET is');
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new ConfigurationError(`TEXTAI_DEEPOPINION_WEBHOOK_URL must be an absolute http(s) URL, got "${url}"`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigurationError(`TEXTAI_DEEPOPINION_WEBHOOK_URL must be an http(s) URL, got "${url}"`);
	return { publicUrl: url.replace(/\/+$/, ''), secret };
}

export function hitlToken(secret: string, jobId: string, nonce: string): string {
	return createHmac('sha256', secret).update(`deepopinion-hitl\n${jobId}\n${nonce}`, 'utf8').digest('base64url');
}

/** Constant-time check of a presented token. */
export function verifyHitlToken(secret: string, jobId: string, nonce: string, presented: string): boolean {
	const expected = Buffer.from(hitlToken(secret, jobId, nonce), 'utf8');
	const given = Buffer.from(presented, 'utf8');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

export function hitlWebhookUrl(settings: HitlWebhookSettings, jobId: string, nonce: string): string {
	return `${settings.publicUrl}${HITL_PATH}/${encodeURIComponent(jobId)}/${encodeURIComponent(nonce)}/${hitlToken(settings.secret, jobId, nonce)}`;
}

const PATH = new RegExp(`${HITL_PATH}/([^/]+)/([A-Za-z0-9-]{1,64})/([A-Za-z0-9_-]{1,128})/?$`);

export function parseHitlPath(pathname: string): { jobId: string; nonce: string; token: string } | undefined {
	const match = PATH.exec(pathname);
	if (!match) return undefined;
	try {
		return { jobId: decodeURIComponent(match[1]), nonce: match[2], token: match[3] };
	} catch {
		return undefined;
	}
}

/** The job and nonce of a URL that points at this receiver (with a valid token), if it does. */
export function receiverTarget(settings: HitlWebhookSettings, url: string | null | undefined): { jobId: string; nonce: string } | undefined {
	if (!url || !url.startsWith(`${settings.publicUrl}${HITL_PATH}/`)) return undefined;
	const target = parseHitlPath(new URL(url).pathname);
	return target && verifyHitlToken(settings.secret, target.jobId, target.nonce, target.token) ? { jobId: target.jobId, nonce: target.nonce } : undefined;
}
