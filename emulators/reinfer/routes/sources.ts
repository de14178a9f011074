import type { RouteRegistrar } from '../../core';
import { checkName, parseSourceBody } from '../resources';
import { ok } from '../responses';
import type { ReinferStore } from '../store';

export function registerSourceRoutes(api: RouteRegistrar, store: ReinferStore): void {
	api.route('GET', '/api/v1/sources', () => ok({ sources: store.listSources().map((s) => s.info) }));

	// The doc's example response for this route lists the sources under "datasets", evidently a
	// copy-paste slip: like the all-sources route, the emulator answers with "sources".
	api.route('GET', '/api/v1/sources/:owner', ({ params }) => ok({ sources: store.listSources(params.owner).map((s) => s.info) }));

	api.route('GET', '/api/v1/sources/id:{sourceId}', ({ params }) => ok({ source: store.getSourceById(params.sourceId).info }));

	api.route('DELETE', '/api/v1/sources/id:{sourceId}', ({ params }) => {
		store.deleteSource(params.sourceId);
		return ok({});
	});

	api.route('GET', '/api/v1/sources/:owner/:name', ({ params }) => ok({ source: store.getSource(params.owner, params.name).info }));

	api.route('PUT', '/api/v1/sources/:owner/:name', async (ctx) => {
		const owner = checkName('owner', ctx.params.owner);
		const name = checkName('source name', ctx.params.name);
		const fields = parseSourceBody(await ctx.jsonBody(), 'create');
		return ok({ source: store.createSource(owner, name, fields).info });
	});

	api.route('POST', '/api/v1/sources/:owner/:name', async (ctx) => {
		const source = store.getSource(ctx.params.owner, ctx.params.name);
		const fields = parseSourceBody(await ctx.jsonBody(), 'update');
		return ok({ source: store.updateSource(source.info.owner, source.info.name, fields).info });
	});
}
