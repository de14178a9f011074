import type { RouteRegistrar } from '../../core';
import { checkName, parseDatasetBody } from '../resources';
import { ok } from '../responses';
import type { ReinferStore } from '../store';

export function registerDatasetRoutes(api: RouteRegistrar, store: ReinferStore): void {
	api.route('GET', '/api/v1/datasets', () => ok({ datasets: store.listDatasets().map((d) => d.info) }));

	api.route('GET', '/api/v1/datasets/:owner', ({ params }) => ok({ datasets: store.listDatasets(params.owner).map((d) => d.info) }));

	api.route('GET', '/api/v1/datasets/:owner/:name', ({ params }) => ok({ dataset: store.getDataset(params.owner, params.name).info }));

	api.route('PUT', '/api/v1/datasets/:owner/:name', async (ctx) => {
		const owner = checkName('owner', ctx.params.owner);
		const name = checkName('dataset name', ctx.params.name);
		const fields = parseDatasetBody(await ctx.jsonBody(), 'create');
		return ok({ dataset: store.createDataset(owner, name, fields).info });
	});

	api.route('POST', '/api/v1/datasets/:owner/:name', async (ctx) => {
		const dataset = store.getDataset(ctx.params.owner, ctx.params.name);
		const fields = parseDatasetBody(await ctx.jsonBody(), 'update');
		return ok({ dataset: store.updateDataset(dataset.info.owner, dataset.info.name, fields).info });
	});

	api.route('DELETE', '/api/v1/datasets/:owner/:name', ({ params }) => {
		store.deleteDataset(params.owner, params.name);
		return ok({});
	});
}
