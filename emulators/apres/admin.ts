import {
	expectArray,
	expectIntegerInRange,
	expectObject,
	expectString,
	invalid,
	isObject,
	optional,
	rejectUnknownFields,
	reply,
	required,
	type RouteRegistrar,
} from '../core';
import type { ApresControl } from './control';
import type { Location, ProcessingTemplateConfig } from './store';
import type { WebhookPolicy } from './webhooks';

/** Apres admin routes, mounted under `/__emulator/apres`. */
export function registerApresAdminRoutes(admin: RouteRegistrar, control: ApresControl): void {
	admin.route('GET', '/recipes', () => ({ recipes: control.recipes() }));

	admin.route('POST', '/recipes', async ({ jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		rejectUnknownFields(body, ['api_key', 'id', 'name', 'status', 'processing_templates'], '');
		const recipe = control.addRecipe({
			apiKey: required(body, 'api_key', '', expectString),
			id: optional(body, 'id', '', expectString),
			name: optional(body, 'name', '', expectString),
			status: optional(body, 'status', '', expectString),
			processing_templates: optional(body, 'processing_templates', '', expectArray) as ProcessingTemplateConfig[] | undefined,
		});
		return reply(201, { recipe });
	});

	admin.route('GET', '/task_batches', () => ({ task_batches: control.batches() }));
	admin.route('GET', '/task_batches/:id', ({ params }) => ({ task_batch: control.batch(params.id) }));
	admin.route('POST', '/task_batches/:id/advance', ({ params }) => ({ task_batch: control.advance(params.id) }));
	admin.route('POST', '/task_batches/:id/complete', ({ params }) => ({ task_batch: control.complete(params.id) }));
	admin.route('POST', '/task_batches/:id/fail', async ({ params, jsonBody }) => {
		const body = (await jsonBody()) ?? {};
		const message = isObject(body) ? optional(body, 'message', '', expectString) : undefined;
		return { task_batch: control.fail(params.id, message) };
	});
	admin.route('POST', '/task_batches/:id/redeliver', ({ params }) => {
		control.redeliver(params.id);
		return reply(202, { redelivered: true });
	});

	admin.route('GET', '/webhooks', () => ({ deliveries: control.webhookDeliveries(), policy: control.setWebhookPolicy({}) }));
	// Body: { drop?: boolean | number (rate 0..1), attempts?, retryDelayMs?, timeoutMs? }
	admin.route('PUT', '/webhooks', async ({ jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		rejectUnknownFields(body, ['drop', 'attempts', 'retryDelayMs', 'timeoutMs'], '');
		const policy: Partial<WebhookPolicy> = {};
		if (body.drop !== undefined) {
			if (typeof body.drop !== 'boolean' && (typeof body.drop !== 'number' || body.drop < 0 || body.drop > 1)) throw invalid('drop', 'must be true, false or a rate between 0 and 1');
			policy.drop = body.drop;
		}
		const attempts = optional(body, 'attempts', '', (v, p) => expectIntegerInRange(v, p, 1, 20));
		const retryDelayMs = optional(body, 'retryDelayMs', '', (v, p) => expectIntegerInRange(v, p, 0, 60_000));
		const timeoutMs = optional(body, 'timeoutMs', '', (v, p) => expectIntegerInRange(v, p, 1, 120_000));
		if (attempts !== undefined) policy.attempts = attempts;
		if (retryDelayMs !== undefined) policy.retryDelayMs = retryDelayMs;
		if (timeoutMs !== undefined) policy.timeoutMs = timeoutMs;
		return { policy: control.setWebhookPolicy(policy) };
	});

	// Body: { stepMs } (0: batches move only through /advance)
	admin.route('PUT', '/step', async ({ jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		const stepMs = required(body, 'stepMs', '', (v, p) => expectIntegerInRange(v, p, 0, 86_400_000));
		control.setStepMs(stepMs);
		return { stepMs };
	});

	// Body: { location: { type, bucket_name, prefix? } | { type, blob_endpoint, container }, files: [...] }
	admin.route('PUT', '/locations', async ({ jsonBody }) => {
		const body = expectObject(await jsonBody(), 'body');
		const location = expectObject(body.location, 'location') as unknown as Location;
		const files = required(body, 'files', '', expectArray).map((f, i) => expectString(f, `files[${i}]`));
		control.setLocationFiles(location, files);
		return { files };
	});
}
