import {
	expectBoolean,
	expectObject,
	expectString,
	isObject,
	optional,
	rejectUnknownFields,
	reply,
	required,
	type RouteRegistrar,
} from '../../core';
import type { LabelConfig, ReinferControl } from '../control';

/** re:infer admin routes, mounted under `/__emulator/reinfer`. */
export function registerReinferAdminRoutes(admin: RouteRegistrar, control: ReinferControl): void {
	const labelsPath = '/datasets/:owner/:name/labels';

	admin.route('GET', labelsPath, ({ params }) => ({ labels: control.labels(params.owner, params.name) }));

	// Body: an array of labels, or { "labels": [...] }.
	admin.route('PUT', labelsPath, async ({ params, jsonBody }) => {
		const body = await jsonBody();
		const labels = (isObject(body) ? body.labels : body) as LabelConfig[];
		return { labels: control.setLabels(params.owner, params.name, labels) };
	});

	admin.route('PUT', '/datasets/:owner/:name/entities', async ({ params, jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		const enabled = required(body, 'enabled', '', expectBoolean);
		control.setEntitiesEnabled(params.owner, params.name, enabled);
		return { enabled };
	});

	admin.route('GET', '/triggers', () => ({ triggers: control.triggers() }));

	admin.route('POST', '/triggers', async ({ jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		rejectUnknownFields(body, ['owner', 'dataset', 'name', 'threshold'], '');
		const trigger = control.createTrigger({
			owner: optional(body, 'owner', '', expectString),
			dataset: required(body, 'dataset', '', expectString),
			name: required(body, 'name', '', expectString),
			threshold: body.threshold as number | undefined,
		});
		return reply(201, { trigger });
	});

	admin.route('GET', '/triggers/:owner/:dataset/:name', ({ params }) => ({
		trigger: control.triggerPosition(params.owner, params.dataset, params.name),
	}));

	admin.route('DELETE', '/triggers/:owner/:dataset/:name', ({ params }) => {
		control.deleteTrigger(params.owner, params.dataset, params.name);
		return { deleted: true };
	});

	admin.route('GET', '/sources/id:{sourceId}/comments', ({ params, query }) => ({
		comments: control.listComments(params.sourceId, {
			offset: Number(query.get('offset') ?? 0),
			limit: query.has('limit') ? Number(query.get('limit')) : undefined,
		}),
	}));
}
