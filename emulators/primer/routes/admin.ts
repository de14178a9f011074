import { expectNumber, expectObject, expectString, isObject, optional, reply, required, type RouteRegistrar } from '../../core';
import type { ModelInput, PrimerControl } from '../control';
import type { PrimerSettings } from '../store';

/** Primer admin routes, mounted under `/__emulator/primer`. */
export function registerPrimerAdminRoutes(admin: RouteRegistrar, control: PrimerControl): void {
	admin.route('GET', '/settings', () => control.settings);
	admin.route('PUT', '/settings', async ({ jsonBody }) => control.configure(expectObject(await jsonBody(), 'body') as Partial<PrimerSettings>));

	admin.route('GET', '/auth', () => control.auth);
	admin.route('POST', '/tokens/revoke', () => ({ revoked: control.revokeTokens() }));

	admin.route('GET', '/models', () => ({ models: control.state().models }));
	admin.route('PUT', '/models/:id', async ({ params, jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		return { model: control.putModel({ ...(body as unknown as ModelInput), id: params.id, name: required(body, 'name', '', expectString) }) };
	});

	admin.route('GET', '/jobs', () => ({ jobs: control.jobs() }));
	admin.route('POST', '/jobs/fail-next', async ({ jsonBody }) => {
		const body = (await jsonBody()) ?? {};
		const obj = isObject(body) ? body : {};
		control.failNextJobs(optional(obj, 'count', '', expectNumber), optional(obj, 'message', '', expectString));
		return reply(201, { ok: true });
	});
	admin.route('PUT', '/jobs/:id', async ({ params, jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		control.setJobFailure(Number(params.id), optional(body, 'fail', '', expectString));
		return { ok: true };
	});

	admin.route('POST', '/deployments/fail-next', async ({ jsonBody }) => {
		const body = (await jsonBody()) ?? {};
		const obj = isObject(body) ? body : {};
		control.failNextDeployments(optional(obj, 'count', '', expectNumber), optional(obj, 'message', '', expectString));
		return reply(201, { ok: true });
	});

	admin.route('POST', '/faults/after-commit', async ({ jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		return reply(201, {
			fault: control.failAfterCommit({
				method: required(body, 'method', '', expectString),
				path: required(body, 'path', '', expectString),
				count: optional(body, 'count', '', expectNumber),
				status: optional(body, 'status', '', expectNumber),
			}),
		});
	});
	admin.route('POST', '/downloads/drop-after', async ({ jsonBody }) => {
		control.dropNextDownloadAfter(required(expectObject(await jsonBody(), 'body'), 'rows', '', expectNumber));
		return { ok: true };
	});

	admin.route('GET', '/datasets/:id/documents', ({ params, query }) => ({
		documents: control.documents(params.id, { offset: Number(query.get('offset') ?? 0), limit: query.has('limit') ? Number(query.get('limit')) : undefined }),
	}));
}
