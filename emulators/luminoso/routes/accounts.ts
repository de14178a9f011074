import { reply } from '../../core';
import { Errors, fieldError, forbidden, isObject, notFound, parseBool, REQUIRED } from '../drf';
import type { CompassRouter } from '../http';
import { LEVELS, type Level, type UserRecord } from '../model';
import type { LuminosoStore } from '../store';
import { accountView, permissionView, tokenView, userView } from '../views';

const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;

function text(errors: Errors, input: Record<string, unknown>, key: string, required: boolean, max = 200): string | undefined {
	const value = input[key];
	if (value === undefined || value === null) {
		if (required) errors.add(key, REQUIRED);
		return undefined;
	}
	if (typeof value !== 'string') errors.add(key, 'Not a valid string.');
	else if (value.trim() === '') errors.add(key, 'This field may not be blank.');
	else if (value.length > max) errors.add(key, `Ensure this field has no more than ${max} characters.`);
	else return value;
	return undefined;
}

/** Accounts, users (with password change and reset) and permissions. */
export function registerAccountRoutes(api: CompassRouter, store: LuminosoStore): void {
	// --- accounts ------------------------------------------------------------------------------
	api.route('GET', '/accounts/', ({ user, base, page }) => page([...store.accounts.values()].filter((a) => store.levelOn(user, a.id)).map((a) => accountView(base, a))));

	api.route('POST', '/accounts/', async ({ user, body, base }) => {
		if (!user.admin) throw forbidden();
		const input = await body();
		const errors = new Errors();
		const name = text(errors, isObject(input) ? input : {}, 'name', true);
		errors.throwIfAny();
		const account = { id: store.randomId(''), name: name! };
		store.accounts.set(account.id, account);
		return reply(201, accountView(base, account));
	});

	api.route('GET', '/accounts/:accountId/', ({ user, ctx, base }) => accountView(base, store.accountFor(user, ctx.params.accountId, 'read')));

	api.route('PUT', '/accounts/:accountId/', async ({ user, ctx, body, base }) => {
		const account = store.accountFor(user, ctx.params.accountId, 'manage');
		const input = await body();
		const errors = new Errors();
		const name = text(errors, isObject(input) ? input : {}, 'name', false);
		errors.throwIfAny();
		if (name !== undefined) account.name = name;
		return accountView(base, account);
	});

	api.route('DELETE', '/accounts/:accountId/', ({ user, ctx }) => {
		store.deleteAccount(store.accountFor(user, ctx.params.accountId, 'manage').id);
		return reply(204);
	});

	// --- users ---------------------------------------------------------------------------------
	/** Yourself, and (unless site admin: everyone) users with a permission on an account you manage. */
	const visibleUsers = (me: UserRecord): UserRecord[] => {
		if (me.admin) return [...store.users.values()];
		const managed = store.managedAccounts(me);
		const emails = new Set([me.email, ...[...store.permissions.values()].filter((p) => managed.has(p.account)).map((p) => p.user)]);
		return [...store.users.values()].filter((u) => emails.has(u.email));
	};
	const visibleUser = (me: UserRecord, email: string): UserRecord => {
		const user = visibleUsers(me).find((u) => u.email === email);
		if (!user) throw notFound();
		return user;
	};

	api.route('GET', '/users/', ({ user, base, page }) => page(visibleUsers(user).map((u) => userView(store, base, u))));

	api.route('POST', '/users/', async ({ user, body, base }) => {
		if (!user.admin) throw forbidden();
		const raw = await body();
		const input = isObject(raw) ? raw : {};
		const errors = new Errors();
		const name = text(errors, input, 'name', true);
		const email = text(errors, input, 'email', true, 254);
		if (email !== undefined && !EMAIL.test(email)) errors.add('email', 'Enter a valid email address.');
		else if (email !== undefined && store.users.has(email)) errors.add('email', 'user with this email already exists.');
		const defaultAccount = input.default_account ?? null;
		if (defaultAccount !== null && (typeof defaultAccount !== 'string' || !store.accounts.has(defaultAccount))) errors.add('default_account', `Invalid pk "${String(defaultAccount)}" - object does not exist.`);
		const admin = input.admin === undefined ? false : parseBool(input.admin);
		if (admin === undefined) errors.add('admin', 'Must be a valid boolean.');
		errors.throwIfAny();
		const record: UserRecord = { email: email!, name: name!, admin: admin!, mustResetPassword: false, defaultAccount: defaultAccount as string | null };
		store.users.set(record.email, record);
		return reply(201, userView(store, base, record));
	});

	api.route('GET', '/users/:email/', ({ user, ctx, base }) => userView(store, base, visibleUser(user, ctx.params.email)), { duringPasswordReset: true });

	api.route(
		'PUT',
		'/users/:email/',
		async ({ user, ctx, body, base }) => {
			const target = visibleUser(user, ctx.params.email);
			if (target.email !== user.email && !user.admin) throw forbidden();
			const raw = await body();
			const input = isObject(raw) ? raw : {};
			const errors = new Errors();
			const name = text(errors, input, 'name', false);
			const email = text(errors, input, 'email', false, 254);
			if (email !== undefined && !EMAIL.test(email)) errors.add('email', 'Enter a valid email address.');
			else if (email !== undefined && email !== target.email && store.users.has(email)) errors.add('email', 'user with this email already exists.');
			const defaultAccount = input.default_account;
			if (defaultAccount !== undefined && defaultAccount !== null && (typeof defaultAccount !== 'string' || !store.accounts.has(defaultAccount))) {
				errors.add('default_account', `Invalid pk "${String(defaultAccount)}" - object does not exist.`);
			}
			let admin: boolean | undefined;
			if (input.admin !== undefined) {
				if (!user.admin) throw forbidden('Only site admins can change whether a user is a site admin.');
				admin = parseBool(input.admin);
				if (admin === undefined) errors.add('admin', 'Must be a valid boolean.');
			}
			errors.throwIfAny();
			if (name !== undefined) target.name = name;
			if (defaultAccount !== undefined) target.defaultAccount = defaultAccount as string | null;
			if (admin !== undefined) target.admin = admin;
			if (email !== undefined && email !== target.email) {
				store.users.delete(target.email);
				for (const t of store.tokens.values()) if (t.user === target.email) t.user = email;
				for (const p of store.permissions.values()) if (p.user === target.email) p.user = email;
				target.email = email;
				store.users.set(email, target);
			}
			return userView(store, base, target);
		},
		{ duringPasswordReset: true },
	);

	api.route('DELETE', '/users/:email/', ({ user, ctx }) => {
		if (!user.admin) throw forbidden();
		if (!store.users.has(ctx.params.email)) throw notFound();
		store.deleteUser(ctx.params.email);
		return reply(204);
	});

	api.route(
		'PUT',
		'/users/:email/password/',
		async ({ user, ctx, body, base }) => {
			const target = visibleUser(user, ctx.params.email);
			if (target.email !== user.email) throw forbidden();
			const raw = await body();
			const input = isObject(raw) ? raw : {};
			const errors = new Errors();
			const password = text(errors, input, 'password', true, 128);
			const old = text(errors, input, 'old_password', true, 128);
			if (old !== undefined && old !== target.password) errors.add('old_password', 'Wrong password.');
			if (password !== undefined && password.length < 8) errors.add('password', 'This password is too short. It must contain at least 8 characters.');
			errors.throwIfAny();
			target.password = password;
			target.mustResetPassword = false;
			store.dropTokens(target.email);
			const token = store.issueToken(target.email);
			return { ...tokenView(token), user: userView(store, base, target) };
		},
		{ duringPasswordReset: true },
	);

	api.route('POST', '/users/:email/password/reset/', ({ user, ctx }) => {
		if (!user.admin) throw forbidden();
		const target = store.users.get(ctx.params.email);
		if (!target) throw notFound();
		const password = `tmp-${store.randomHex(12)}`;
		target.password = password;
		target.mustResetPassword = true;
		store.dropTokens(target.email);
		return { password };
	});

	// --- permissions ---------------------------------------------------------------------------
	api.route('GET', '/permissions/', ({ user, ctx, base, page }) => {
		const managed = store.managedAccounts(user);
		const byUser = ctx.query.get('user');
		const level = ctx.query.get('level');
		if (level && !(LEVELS as readonly string[]).includes(level)) throw fieldError('level', `Select a valid choice. ${level} is not one of the available choices.`);
		const list = [...store.permissions.values()].filter((p) => managed.has(p.account) && (!byUser || p.user === byUser) && (!level || p.level === level));
		return page(list.map((p) => permissionView(base, p)));
	});

	api.route('POST', '/permissions/', async ({ user, body, base }) => {
		const raw = await body();
		const input = isObject(raw) ? raw : {};
		const errors = new Errors();
		const email = text(errors, input, 'user', true, 254);
		const accountId = text(errors, input, 'account', true);
		const level = text(errors, input, 'level', true);
		if (email !== undefined && !store.users.has(email)) errors.add('user', `Object with email=${email} does not exist.`);
		if (accountId !== undefined && !store.accounts.has(accountId)) errors.add('account', `Invalid pk "${accountId}" - object does not exist.`);
		if (level !== undefined && !(LEVELS as readonly string[]).includes(level)) errors.add('level', `"${level}" is not a valid choice.`);
		errors.throwIfAny();
		if (!store.has(user, accountId!, 'manage')) throw forbidden();
		if ([...store.permissions.values()].some((p) => p.user === email && p.account === accountId)) {
			throw fieldError('non_field_errors', 'The fields user, account must make a unique set.');
		}
		const permission = { id: store.id(), user: email!, account: accountId!, level: level as Level };
		store.permissions.set(permission.id, permission);
		return reply(201, permissionView(base, permission));
	});

	const permissionFor = (me: UserRecord, id: string, manage: boolean) => {
		const permission = /^\d+$/.test(id) ? store.permissions.get(Number(id)) : undefined;
		if (!permission) throw notFound();
		const manages = store.has(me, permission.account, 'manage');
		if (!manages && (manage || permission.user !== me.email)) {
			if (permission.user === me.email || store.levelOn(me, permission.account)) throw forbidden();
			throw notFound();
		}
		return permission;
	};

	api.route('GET', '/permissions/:permissionId/', ({ user, ctx, base }) => permissionView(base, permissionFor(user, ctx.params.permissionId, false)));

	api.route('DELETE', '/permissions/:permissionId/', ({ user, ctx }) => {
		store.permissions.delete(permissionFor(user, ctx.params.permissionId, true).id);
		return reply(204);
	});
}
