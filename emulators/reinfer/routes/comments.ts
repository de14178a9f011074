import type { RouteRegistrar } from '../../core';
import { parseSyncBody } from '../comments';
import { ok } from '../responses';
import { commentToApi, type ReinferStore } from '../store';

export function registerCommentRoutes(api: RouteRegistrar, store: ReinferStore): void {
	api.route('GET', '/api/v1/sources/:owner/:name/comments/:commentId', ({ params }) => {
		const source = store.getSource(params.owner, params.name);
		return ok({ comment: commentToApi(source, params.commentId, store.getComment(source, params.commentId)) });
	});

	// The whole batch is validated before anything is written: a 400 leaves the source untouched.
	api.route('POST', '/api/v1/sources/:owner/:name/sync', async (ctx) => {
		const source = store.getSource(ctx.params.owner, ctx.params.name);
		const comments = parseSyncBody(await ctx.jsonBody());
		return ok(store.sync(source, comments));
	});
}
