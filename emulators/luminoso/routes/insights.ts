import { reply } from '../../core';
import { fieldError, isObject, notFound, queryTime, REQUIRED } from '../drf';
import type { CompassRouter } from '../http';
import type { LuminosoStore } from '../store';
import { CONFIG_DEFAULTS } from '../store';
import { existsFrom, measurements, timeBuckets, usageMonths, usageView } from '../views';
import { bucketQuery } from './topics';

/** Checks a configuration value for its key (400 on `value`). */
function checkConfigValue(key: string, value: unknown): unknown {
	if (value === undefined || value === null || value === '') throw fieldError('value', REQUIRED);
	if (key === 'sentiment_threshold') {
		if (typeof value !== 'number' || value < 0 || value > 1) throw fieldError('value', 'Ensure this value is a number between 0 and 1.');
	} else if (key === 'labels_for_clustering') {
		if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) throw fieldError('value', 'Expected a list of topic titles or IDs.');
	} else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
		throw fieldError('value', 'A valid non-negative integer is required.');
	}
	return value;
}

/** Statistics, message usage and configuration of a project. */
export function registerInsightRoutes(api: CompassRouter, store: LuminosoStore): void {
	api.route('GET', '/projects/:projectId/p/stats/', ({ user, ctx }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const q = bucketQuery(store, ctx);
		return {
			measurements: measurements(project.messages, q.atTime),
			time_buckets: timeBuckets(project.messages, q, existsFrom(project), Number(store.configValue(project, 'sentiment_threshold'))),
		};
	});

	api.route('GET', '/projects/:projectId/p/usage/', ({ user, ctx, base }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const source = ctx.query.get('source');
		const earliest = queryTime(ctx.query, 'earliest');
		const latest = queryTime(ctx.query, 'latest');
		const days = [...project.usage.values()].filter((u) => (!source || u.source === source) && (earliest === undefined || u.start >= earliest) && (latest === undefined || u.start <= latest));
		return usageMonths(base, project, days);
	});

	api.route('GET', '/projects/:projectId/p/usage/:usageId/', ({ user, ctx, base }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const usage = [...project.usage.values()].find((u) => String(u.id) === ctx.params.usageId);
		if (!usage) throw notFound();
		return usageView(base, project, usage);
	});

	api.route('GET', '/projects/:projectId/p/config/', ({ user, ctx }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		return {
			default: Object.entries(CONFIG_DEFAULTS).map(([key, value]) => ({ key, value })),
			overridden: [...project.config].map(([key, value]) => ({ key, value })),
		};
	});

	const configKey = (key: string) => {
		if (!Object.hasOwn(CONFIG_DEFAULTS, key)) throw notFound();
		return key;
	};

	api.route('GET', '/projects/:projectId/p/config/:key/', ({ user, ctx }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const key = configKey(ctx.params.key);
		return { key, value: store.configValue(project, key) };
	});

	api.route('PUT', '/projects/:projectId/p/config/:key/', async ({ user, ctx, body }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const key = configKey(ctx.params.key);
		const raw = await body();
		let value = isObject(raw) ? raw.value : undefined;
		// A form body carries the value as JSON text.
		if (typeof value === 'string') {
			try {
				value = JSON.parse(value);
			} catch {
				// keep the text: the check names the problem
			}
		}
		project.config.set(key, checkConfigValue(key, value));
		return { key, value: project.config.get(key) };
	});

	api.route('DELETE', '/projects/:projectId/p/config/:key/', ({ user, ctx }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		project.config.delete(configKey(ctx.params.key));
		return reply(204);
	});
}
