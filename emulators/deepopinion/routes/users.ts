import { badRequest, HttpError, notFound, reply, type RequestContext, type RouteRegistrar } from '../../core';
import type { DeepOpinionStore, UserRec } from '../store';
import { body, boolField, notificationJson, oneOf, pageOf, paging, pathId, rejectUnknown, stringField, userJson } from '../views';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function me(store: DeepOpinionStore, ctx: RequestContext): UserRec {
	return store.getUser(Number(ctx.principal));
}

/** Users may read and change only themselves, unless they are superusers. */
function userFor(store: DeepOpinionStore, ctx: RequestContext): UserRec {
	const id = pathId(ctx, 'user_id');
	const caller = me(store, ctx);
	if (id !== caller.id && !caller.is_superuser) throw new HttpError(403, 'You are not allowed to access this user.');
	return store.getUser(id);
}

function email(value: string | undefined, key = 'email'): string {
	if (!value || !EMAIL.test(value)) throw badRequest(`${key}: must be an email address`);
	return value;
}

function password(value: string | undefined, key = 'password'): string {
	if (!value || value.length < 8) throw badRequest(`${key}: must be at least 8 characters`);
	return value;
}

export function registerUserRoutes(api: RouteRegistrar, store: DeepOpinionStore, tokenTtlMs: number): void {
	api.route(
		'POST',
		'/auth/login',
		async (ctx) => {
			const b = await body(ctx);
			const user = store.findUserByEmail(String(b.email ?? ''));
			if (!user || user.password !== b.password) throw new HttpError(401, 'Email or password does not match.');
			return { auth_token: store.issueToken(user.id, tokenTtlMs), message: 'Successfully logged in.', status: 'OK' };
		},
		{ auth: false },
	);

	api.route(
		'POST',
		'/auth/register',
		async (ctx) => {
			const b = await body(ctx);
			rejectUnknown(b, ['first_name', 'last_name', 'email', 'password']);
			const user = store.createUser({
				email: email(stringField(b, 'email', true)),
				password: password(stringField(b, 'password', true)),
				first_name: stringField(b, 'first_name'),
				last_name: stringField(b, 'last_name'),
			});
			store.getWorkspace(1).permissions.push({ id: store.nextId('permission'), user_id: user.id, role: 'USER' });
			return { auth_token: store.issueToken(user.id, tokenTtlMs), message: 'Successfully registered.', status: 'CREATED' };
		},
		{ auth: false },
	);

	api.route('GET', '/auth/status', (ctx) => {
		const user = me(store, ctx);
		return { status: 'OK', data: { user_id: user.id, email: user.email, admin: user.is_superuser, registered_on: user.registered_on } };
	});

	api.route(
		'POST',
		'/password/email',
		async (ctx) => {
			const b = await body(ctx);
			const address = email(stringField(b, 'email', true));
			const user = store.findUserByEmail(address);
			// Same answer whether or not the address is registered (no account enumeration).
			if (user) store.passwordResets.set(store.randomHex(32), user.id);
			return { status: 'OK', message: 'If the email is registered, a reset link has been sent.' };
		},
		{ auth: false },
	);

	api.route(
		'POST',
		'/password/reset',
		async (ctx) => {
			const b = await body(ctx);
			const token = stringField(b, 'reset_password_token', true) as string;
			const newPassword = password(stringField(b, 'password', true));
			const userId = store.passwordResets.get(token);
			if (userId === undefined) throw badRequest('reset_password_token: invalid or already used');
			store.passwordResets.delete(token);
			store.getUser(userId).password = newPassword;
			return { status: 'OK', message: 'Password successfully changed.' };
		},
		{ auth: false },
	);

	api.route('GET', '/users/:user_id', (ctx) => userJson(userFor(store, ctx)));

	api.route('PUT', '/users/:user_id', async (ctx) => {
		const user = userFor(store, ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['first_name', 'last_name', 'email', 'password']);
		const newEmail = stringField(b, 'email');
		if (newEmail !== undefined) {
			email(newEmail);
			const other = store.findUserByEmail(newEmail);
			if (other && other.id !== user.id) throw new HttpError(409, 'email: already used by another account');
			user.email = newEmail;
		}
		const newPassword = stringField(b, 'password');
		if (newPassword !== undefined) user.password = password(newPassword);
		user.first_name = stringField(b, 'first_name') ?? user.first_name;
		user.last_name = stringField(b, 'last_name') ?? user.last_name;
		return userJson(user);
	});

	api.route('GET', '/users/:user_id/permissions', (ctx) => {
		const user = userFor(store, ctx);
		return { ...userJson(user), is_superuser: user.is_superuser, is_betauser: user.is_betauser };
	});

	api.route('PUT', '/users/:user_id/permissions', async (ctx) => {
		const user = userFor(store, ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['is_betauser', 'is_superuser']);
		user.is_betauser = boolField(b, 'is_betauser') ?? user.is_betauser;
		user.is_superuser = boolField(b, 'is_superuser') ?? user.is_superuser;
		return { ...userJson(user), is_superuser: user.is_superuser, is_betauser: user.is_betauser };
	});

	const keysOf = (userId: number) => [...store.keys.values()].filter((k) => k.user_id === userId).map(({ id, created, name, token }) => ({ id, created, name, token }));

	api.route('GET', '/users/:user_id/keys', (ctx) => keysOf(userFor(store, ctx).id));

	api.route('DELETE', '/users/:user_id/keys/:key_id', (ctx) => {
		const user = userFor(store, ctx);
		const keyId = pathId(ctx, 'key_id');
		const key = store.keys.get(keyId);
		if (!key || key.user_id !== user.id) throw notFound(`Key ${keyId} does not exist.`);
		store.keys.delete(keyId);
		return keysOf(user.id);
	});

	// --- notifications -------------------------------------------------------------------------

	api.route('GET', '/users/:user_id/notifications', (ctx) => {
		const user = userFor(store, ctx);
		const all = [...store.notifications.values()].filter((n) => n.user_id === user.id).reverse().map(notificationJson);
		return pageOf(all, paging(ctx)).items;
	});

	const notificationOf = (ctx: RequestContext) => {
		const user = userFor(store, ctx);
		const id = pathId(ctx, 'notification_id');
		const n = store.notifications.get(id);
		if (!n || n.user_id !== user.id) throw notFound(`Notification ${id} does not exist.`);
		return n;
	};

	api.route('GET', '/users/:user_id/notifications/:notification_id', (ctx) => notificationJson(notificationOf(ctx)));

	api.route('PUT', '/users/:user_id/notifications/:notification_id', async (ctx) => {
		const n = notificationOf(ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['title', 'text', 'created', 'type', 'read', 'id']);
		n.title = stringField(b, 'title') ?? n.title;
		n.text = stringField(b, 'text') ?? n.text;
		n.type = oneOf(b.type, 'type', ['INFO', 'WARNING'] as const) ?? n.type;
		if ('read' in b) {
			const read = b.read;
			if (read !== null && read !== '' && (typeof read !== 'string' || Number.isNaN(Date.parse(read)))) throw badRequest('read: expected a date-time, or empty to mark unread');
			n.read = read === '' ? null : (read as string | null);
		}
		return reply(200, notificationJson(n));
	});
}
