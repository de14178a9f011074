import { reply } from '../../core';
import { Errors, fieldErrors, isObject, notFound, REQUIRED } from '../drf';
import type { CompassRouter } from '../http';
import type { LuminosoStore } from '../store';
import { tokenView, userView } from '../views';

/** POST /login/ and the token routes. */
export function registerAuthRoutes(api: CompassRouter, store: LuminosoStore): void {
	api.route(
		'POST',
		'/login/',
		async ({ body, base }) => {
			const input = await body();
			const errors = new Errors();
			const fields = isObject(input) ? input : {};
			for (const key of ['username', 'password']) {
				if (typeof fields[key] !== 'string' || fields[key] === '') errors.add(key, fields[key] === undefined ? REQUIRED : 'This field may not be blank.');
			}
			errors.throwIfAny();
			const user = store.users.get(fields.username as string);
			if (!user || user.password === undefined || user.password !== fields.password) throw fieldErrors({ non_field_errors: ['Unable to log in with provided credentials.'] });
			const token = store.issueToken(user.email);
			store.logins++;
			return { ...tokenView(token), user: userView(store, base, user) };
		},
		{ auth: false },
	);

	const visible = (email: string, token: { user: string }, admin: boolean) => admin || token.user === email;

	api.route(
		'GET',
		'/tokens/',
		({ user, ctx, page }) => {
			const filter = ctx.query.get('user');
			const tokens = [...store.tokens.values()].filter((t) => visible(user.email, t, user.admin) && (!filter || t.user === filter) && !store.isExpired(t));
			return page(tokens.map(tokenView));
		},
		{ duringPasswordReset: true },
	);

	const ownToken = (token: string, email: string, admin: boolean) => {
		const record = store.tokens.get(token);
		if (!record || !visible(email, record, admin)) throw notFound();
		return record;
	};

	api.route('GET', '/tokens/:token/', ({ user, ctx }) => tokenView(ownToken(ctx.params.token, user.email, user.admin)), { duringPasswordReset: true });

	api.route(
		'DELETE',
		'/tokens/:token/',
		({ user, ctx }) => {
			store.tokens.delete(ownToken(ctx.params.token, user.email, user.admin).token);
			return reply(204);
		},
		{ duringPasswordReset: true },
	);
}
