import { HttpClient, type AuthProvider, type ClientEvents, type Sleep, type Transport } from '../core';
import { drfErrorMessage, LUMINOSO_PLATFORM } from './client';
import { LUMINOSO_ROUTES } from './routes';
import type { LoginResult } from './types';

export type LuminosoCredentials = { username: string; password: string; token?: undefined } | { token: string; username?: undefined; password?: undefined };

/**
 * Authentication outside n8n (Temporal activities, scripts): `Authorization: Token <token>`.
 * With a username and password the token comes from `POST /login/` and is renewed after a 401
 * (tokens expire after two weeks, or when the password changes): concurrent 401s share one login.
 * A token given directly cannot be renewed.
 */
export class LuminosoTokenAuth implements AuthProvider {
	private token: string | undefined;
	private pending: Promise<string> | undefined;
	private readonly http: HttpClient;
	/** Logins performed (for logs and tests). */
	logins = 0;

	constructor(
		baseUrl: string,
		transport: Transport,
		sleep: Sleep,
		private readonly credentials: LuminosoCredentials,
		events?: ClientEvents,
	) {
		this.token = credentials.token;
		this.http = new HttpClient(
			{ name: LUMINOSO_PLATFORM, errorMessage: drfErrorMessage },
			{ baseUrl, transport, sleep, events, secrets: [credentials.password ?? '', credentials.token ?? ''] },
		);
	}

	async headers(): Promise<Record<string, string>> {
		const token = this.token ?? (await this.login());
		return { Authorization: `Token ${token}` };
	}

	async refresh(): Promise<boolean> {
		if (this.credentials.username === undefined) return false;
		this.token = undefined;
		await this.login();
		return true;
	}

	secrets(): string[] {
		return [this.credentials.password ?? '', this.credentials.token ?? '', this.token ?? ''];
	}

	private login(): Promise<string> {
		if (this.credentials.username === undefined) return Promise.resolve(this.credentials.token);
		const { username, password } = this.credentials;
		this.pending ??= (async () => {
			try {
				const route = LUMINOSO_ROUTES.login;
				const result = await this.http.call<LoginResult>({ name: 'login', method: route.method, idempotent: route.idempotent }, { path: route.path, body: { username, password } });
				this.logins++;
				this.token = result.token;
				return result.token;
			} finally {
				this.pending = undefined;
			}
		})();
		return this.pending;
	}
}
