import { expectBoolean, expectIntegerInRange, expectObject, expectString, optional, rejectUnknownFields, reply, required, type RouteRegistrar } from '../../core';
import type { LuminosoControl } from '../control';

/** Luminoso admin routes, mounted under `/__emulator/luminoso`. */
export function registerLuminosoAdminRoutes(admin: RouteRegistrar, control: LuminosoControl): void {
	// Expire tokens now, or after N more authenticated requests: { user?, afterRequests? }.
	admin.route('POST', '/tokens/expire', async ({ jsonBody }) => {
		const body = expectObject((await jsonBody()) ?? {}, 'body');
		rejectUnknownFields(body, ['user', 'afterRequests'], '');
		const expired = control.expireTokens({ user: optional(body, 'user', '', expectString), afterRequests: optional(body, 'afterRequests', '', (v, p) => expectIntegerInRange(v, p, 1, 1e9)) });
		return { expired };
	});

	admin.route('POST', '/classifiers/finish-training', () => ({ finished: control.finishTraining() }));

	// A user who can log in: { email, password, name?, admin? }.
	admin.route('POST', '/users', async ({ jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		rejectUnknownFields(body, ['email', 'password', 'name', 'admin'], '');
		const email = required(body, 'email', '', expectString);
		control.addUser({ email, password: required(body, 'password', '', expectString), name: optional(body, 'name', '', expectString), admin: optional(body, 'admin', '', expectBoolean) });
		return reply(201, { email });
	});

	admin.route('GET', '/logins', () => ({ logins: control.logins() }));

	// Answer matching requests only `ms` after handling them: { method?, path?, ms }; DELETE: off.
	admin.route('PUT', '/response-delay', async ({ jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		rejectUnknownFields(body, ['method', 'path', 'ms'], '');
		const rule = { method: optional(body, 'method', '', expectString), path: optional(body, 'path', '', expectString), ms: required(body, 'ms', '', (v, p) => expectIntegerInRange(v, p, 0, 600_000)) };
		control.delayResponses(rule);
		return rule;
	});
	admin.route('DELETE', '/response-delay', () => {
		control.delayResponses(undefined);
		return { responseDelay: null };
	});
}
