import { reply, type RequestContext, type RouteRegistrar } from '../core';
import { detail, forbidden, origin, paginate, readBody, toReplyError, unauthorized, type Page } from './drf';
import type { TokenRecord, UserRecord } from './model';
import type { LuminosoStore } from './store';

/** Every API route lives under this prefix (the Compass URL is `https://<host>/api`). */
export const API_PREFIX = '/api';

export interface Call {
	ctx: RequestContext;
	/** The authenticated user (routes with `auth: false` get an anonymous placeholder). */
	user: UserRecord;
	token?: TokenRecord;
	/** `http://<host>/api`: the root of the absolute URLs in responses. */
	base: string;
	/** JSON or form body, read once. */
	body(): Promise<unknown>;
	page<T>(items: readonly T[]): Page<T>;
}

export type CompassHandler = (call: Call) => unknown | Promise<unknown>;

export interface RouteOptions {
	/** Default true: `Authorization: Token <token>` required. */
	auth?: boolean;
	/** Allowed while the user must reset the password (own user, password change, tokens). */
	duringPasswordReset?: boolean;
}

export interface CompassRouter {
	route(method: string, pattern: string, handler: CompassHandler, options?: RouteOptions): void;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Wraps the core router with Compass's request pipeline: trailing-slash enforcement, Token
 * authentication (with expiry and the password-reset lock), DRF error bodies, and 405 for a method
 * a path does not take. `finish()` registers the 405 answers once every route is known.
 */
export function compassRouter(api: RouteRegistrar, store: LuminosoStore, pageSize: number): CompassRouter & { finish(): void } {
	const methodsByPattern = new Map<string, Set<string>>();
	const optionsByPattern = new Map<string, RouteOptions>();

	const authenticate = (ctx: RequestContext): TokenRecord => {
		const header = ctx.req.headers.authorization;
		if (typeof header !== 'string' || header.trim() === '') throw unauthorized('Authentication credentials were not provided.');
		const [scheme, value, ...rest] = header.trim().split(/\s+/);
		if (scheme.toLowerCase() !== 'token') throw unauthorized('Authentication credentials were not provided.');
		if (!value) throw unauthorized('Invalid token header. No credentials provided.');
		if (rest.length) throw unauthorized('Invalid token header. Token string should not contain spaces.');
		const token = store.tokens.get(value);
		if (!token || !store.users.has(token.user)) throw unauthorized('Invalid token.');
		if (store.isExpired(token)) throw unauthorized('Token has expired.');
		store.useToken(token);
		return token;
	};

	const wrap =
		(handler: CompassHandler, options: RouteOptions) =>
		async (ctx: RequestContext): Promise<unknown> => {
			try {
				if (!ctx.path.endsWith('/')) {
					const target = `${ctx.path}/${ctx.query.size ? `?${ctx.query.toString()}` : ''}`;
					if (ctx.method === 'GET') throw detail(301, `Compass API URLs end with a slash: ${target}`, { location: target });
					throw detail(404, `Not found. Compass API URLs end with a slash: ${ctx.method} ${target}`);
				}
				let user: UserRecord | undefined;
				let token: TokenRecord | undefined;
				if (options.auth !== false) {
					token = authenticate(ctx);
					user = store.users.get(token.user)!;
					if (user.mustResetPassword && !options.duringPasswordReset) throw forbidden('You must change your password before doing anything else.');
				}
				let body: Promise<unknown> | undefined;
				const call: Call = {
					ctx,
					user: user ?? ({ email: '', name: '', admin: false, mustResetPassword: false, defaultAccount: null } satisfies UserRecord),
					token,
					base: `${origin(ctx)}${API_PREFIX}`,
					body: () => (body ??= readBody(ctx)),
					page: (items) => paginate(ctx, items, pageSize),
				};
				const result = await handler(call);
				const slow = store.responseDelay;
				if (slow && (!slow.method || slow.method === ctx.method) && (!slow.path || ctx.path.startsWith(slow.path))) {
					await new Promise((resolve) => setTimeout(resolve, slow.ms).unref());
				}
				return result;
			} catch (error) {
				const drf = toReplyError(error);
				if (drf) return reply(drf.status, drf.body, drf.headers);
				throw error;
			}
		};

	return {
		route(method, pattern, handler, options = {}) {
			const methods = methodsByPattern.get(pattern) ?? new Set<string>();
			methods.add(method);
			methodsByPattern.set(pattern, methods);
			if (!optionsByPattern.has(pattern)) optionsByPattern.set(pattern, options);
			api.route(method, `${API_PREFIX}${pattern}`, wrap(handler, options), { auth: false });
		},
		finish() {
			for (const [pattern, methods] of methodsByPattern) {
				for (const method of METHODS.filter((m) => !methods.has(m))) {
					api.route(
						method,
						`${API_PREFIX}${pattern}`,
						wrap(() => {
							throw detail(405, `Method "${method}" not allowed.`, { allow: [...methods].join(', ') });
						}, optionsByPattern.get(pattern) ?? {}),
						{ auth: false },
					);
				}
			}
		},
	};
}
