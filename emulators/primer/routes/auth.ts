import { isObject, reply, type RouteRegistrar } from '../../core';
import type { PrimerStore } from '../store';

export const LOGIN_PATH = '/api/v1/auth/login';

/** The SSO login: `POST /api/v1/auth/login {username, password}` -> `{access_token}`. */
export function registerAuthRoutes(api: RouteRegistrar, store: PrimerStore): void {
	api.route(
		'POST',
		LOGIN_PATH,
		async (ctx) => {
			const body = await ctx.jsonBody();
			const errors: Record<string, string> = {};
			for (const key of ['username', 'password']) {
				if (!isObject(body) || typeof body[key] !== 'string' || body[key] === '') errors[key] = `'${key}' is a required property`;
			}
			if (Object.keys(errors).length) return reply(400, { message: 'Input payload validation failed', errors });
			const { username, password } = body as { username: string; password: string };
			const user = store.user(username);
			if (!user || user.password !== password) {
				store.auth.failedLogins++;
				return reply(401, { message: 'Invalid username or password' });
			}
			store.auth.logins++;
			const { token, expiresIn } = store.issueToken(user);
			return { access_token: token, token_type: 'JWT', expires_in: expiresIn };
		},
		{ auth: false },
	);
}
