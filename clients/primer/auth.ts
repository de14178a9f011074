import { ApiError, HttpClient, type AuthProvider, type ClientEvents, type RetryPolicy, type Sleep, type Transport } from '../core';
import { PRIMER_DEFAULT_SSO_URL, PRIMER_ROUTES } from './routes';

/**
 * Authentication for Primer Automate outside n8n (Temporal activities, scripts): the JWT from the
 * SSO login (`POST /api/v1/auth/login` with username and password -> `access_token`), sent as
 * `Authorization: JWT <token>`. Inside n8n the credential's preAuthentication does the same.
 */

export interface PrimerLoginOptions {
	/** SSO base URL (default https://sso.primer.ai); the login path is appended. */
	ssoUrl?: string;
	username: string;
	password: string;
	transport: Transport;
	sleep: Sleep;
	retry?: Partial<RetryPolicy>;
	events?: ClientEvents;
	/** Clock, for tests. */
	now?: () => number;
}

/** Strips a `JWT ` / `Bearer ` prefix a user may have pasted with the token. */
export function bareToken(token: string): string {
	return token.trim().replace(/^(JWT|Bearer)\s+/i, '');
}

/** `exp` and `iat` (in ms) from a JWT's payload, without verifying it; empty for opaque tokens. */
export function jwtTimes(token: string): { exp?: number; iat?: number } {
	const part = token.split('.')[1];
	if (!part) return {};
	try {
		const payload = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
		const ms = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v * 1000 : undefined);
		return { exp: ms(payload.exp), iat: ms(payload.iat) };
	} catch {
		return {};
	}
}

/** A pre-issued token: sent as is, never refreshed. */
export function primerTokenAuth(token: string): AuthProvider {
	const bare = bareToken(token);
	return { headers: async () => ({ Authorization: `JWT ${bare}` }), secrets: () => [bare, token] };
}

/**
 * Logs in on first use, refreshes shortly before the JWT's `exp` (a fifth of its lifetime, at most
 * a minute, ahead) and again after any 401. Concurrent callers share one login. The password and
 * every token issued are redacted from errors.
 */
export class PrimerLoginAuth implements AuthProvider {
	private token: string | undefined;
	private expiresAt: number | undefined;
	private refreshAt: number | undefined;
	private pending: Promise<string> | undefined;
	private readonly issued: string[] = [];
	private readonly sso: HttpClient;
	private readonly now: () => number;
	/** Logins performed (for tests and metrics). */
	logins = 0;

	constructor(private readonly options: PrimerLoginOptions) {
		this.now = options.now ?? Date.now;
		this.sso = new HttpClient(
			{ name: 'Primer Automate', errorMessage: primerErrorMessage },
			{
				baseUrl: options.ssoUrl || PRIMER_DEFAULT_SSO_URL,
				transport: options.transport,
				sleep: options.sleep,
				retry: options.retry,
				events: options.events,
				secrets: [options.password],
			},
		);
	}

	async headers(): Promise<Record<string, string>> {
		let token = this.token;
		if (token === undefined || (this.refreshAt !== undefined && this.now() >= this.refreshAt)) token = await this.login(token);
		return { Authorization: `JWT ${token}` };
	}

	async refresh(): Promise<boolean> {
		await this.login(this.token);
		return true;
	}

	secrets(): string[] {
		return [this.options.password, ...this.issued];
	}

	/** When the current token expires (ms since epoch), if it says. */
	get expiry(): number | undefined {
		return this.expiresAt;
	}

	/** Logs in unless another caller already replaced `stale`. */
	private login(stale: string | undefined): Promise<string> {
		if (this.token !== stale && this.token !== undefined) return Promise.resolve(this.token);
		this.pending ??= this.doLogin().finally(() => (this.pending = undefined));
		return this.pending;
	}

	private async doLogin(): Promise<string> {
		const route = PRIMER_ROUTES.login;
		const body = await this.sso
			.call<{ access_token?: unknown }>({ name: 'login', method: route.method, idempotent: route.idempotent }, { path: route.path, body: { username: this.options.username, password: this.options.password } })
			.catch((error: unknown) => Promise.reject(loginFailure(error)));
		if (typeof body?.access_token !== 'string' || body.access_token === '') {
			throw new ApiError({ platform: 'Primer Automate', operation: 'login', status: 200, body: '[login response without access_token]', platformMessage: 'the login response has no access_token' });
		}
		const token = body.access_token;
		this.logins++;
		this.issued.push(token);
		if (this.issued.length > 8) this.issued.shift();
		const { exp, iat } = jwtTimes(token);
		const issuedAt = iat ?? this.now();
		this.token = token;
		this.expiresAt = exp;
		this.refreshAt = exp === undefined ? undefined : exp - Math.min(60_000, Math.max(0, (exp - issuedAt) / 5));
		return token;
	}
}

function parseObject(text: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(text) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** A rejected login says to check the username and password; other failures pass unchanged. */
function loginFailure(error: unknown): unknown {
	if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) return error;
	return new ApiError({
		platform: 'Primer Automate',
		operation: 'login',
		status: error.status,
		body: error.body,
		platformMessage: `${error.platformMessage ?? 'rejected'} (check the username and password of the connection)`,
		attempts: error.attempts,
	});
}

/** The platform's error text: `{"message"}` (Flask style), `{"detail"}` or `{"error"}`, or the body text. */
export function primerErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('{')) {
			const parsed = parseObject(text);
			if (parsed) return primerErrorMessage(parsed);
		}
		return text.slice(0, 300) || undefined;
	}
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of ['message', 'detail', 'error', 'msg']) {
		const value = record[key];
		if (typeof value === 'string' && value) {
			const errors = record.errors && typeof record.errors === 'object' ? Object.entries(record.errors as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`) : [];
			return errors.length ? `${value} (${errors.join('; ')})` : value;
		}
		if (value && typeof value === 'object') return JSON.stringify(value).slice(0, 300);
	}
	return undefined;
}
