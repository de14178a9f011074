import { expectIntegerInRange, expectObject, rejectUnknownFields, required, type RouteRegistrar } from '../../core';
import { predictDocument } from '../predictions';
import { ok } from '../responses';
import { commentToApi, type ReinferStore } from '../store';
import { advance, fetchEntries, MAX_FETCH_SIZE, parseSequenceId } from '../triggers';

function parseBody(body: unknown, allowed: string[]) {
	const obj = expectObject(body, 'body');
	rejectUnknownFields(obj, allowed, '');
	return obj;
}

export function registerTriggerRoutes(api: RouteRegistrar, store: ReinferStore): void {
	const base = '/api/v1/datasets/:owner/:name/triggers/:trigger';
	const lookup = (params: Readonly<Record<string, string>>) => {
		const dataset = store.getDataset(params.owner, params.name);
		return { dataset, trigger: store.getTrigger(dataset, params.trigger) };
	};

	// Each result carries the comment, as in the doc, plus the dataset's labels (and entities)
	// for it, which the real platform attaches to triggered comments as well.
	api.route('POST', `${base}/fetch`, async (ctx) => {
		const { dataset, trigger } = lookup(ctx.params);
		const body = parseBody(await ctx.jsonBody(), ['size']);
		const size = required(body, 'size', '', (v, p) => expectIntegerInRange(v, p, 1, MAX_FETCH_SIZE));
		const { entries, sequenceId } = fetchEntries(store, dataset, trigger, size);
		const results = entries.map(({ source, id, comment }) => {
			const apiComment = commentToApi(source, id, comment);
			return { comment: apiComment, ...predictDocument(dataset, apiComment.messages, trigger.threshold) };
		});
		return ok({ results, sequence_id: String(sequenceId) });
	});

	api.route('POST', `${base}/advance`, async (ctx) => {
		const { trigger } = lookup(ctx.params);
		const body = parseBody(await ctx.jsonBody(), ['sequence_id']);
		const sequenceId = parseSequenceId(body.sequence_id);
		advance(trigger, sequenceId);
		return ok({ sequence_id: String(sequenceId) });
	});
}
