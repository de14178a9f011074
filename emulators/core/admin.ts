import { parseFaultRule, parseFaultRules, type FaultInjector } from './faults';
import { parseRateLimit, type RateLimitOptions } from './rate-limit';
import { reply } from './reply';
import type { Router } from './router';
import type { StatsRecorder } from './stats';
import { isObject } from './validate';

export const ADMIN_PREFIX = '/__emulator';

export interface AdminDeps {
	readonly platformName: string;
	readonly faults: FaultInjector;
	readonly stats: StatsRecorder;
	state(): unknown;
	reset(): void;
	getRateLimit(): RateLimitOptions | undefined;
	setRateLimit(options: RateLimitOptions | undefined): void;
}

/**
 * The generic admin API. No platform auth, no faults, not counted in stats; the server only
 * answers it for loopback clients.
 */
export function registerCoreAdminRoutes(router: Router, deps: AdminDeps): void {
	const admin = router.scope(ADMIN_PREFIX);
	const faultsView = () => ({ seed: deps.faults.currentSeed(), rules: deps.faults.list() });

	admin.route('GET', '/', () => ({
		platform: deps.platformName,
		endpoints: router.list().map((r) => `${r.method} ${r.pattern}`),
	}));

	admin.route('GET', '/faults', faultsView);
	admin.route('PUT', '/faults', async (ctx) => {
		// Either an array of rules, or { rules, seed? }.
		const body = await ctx.jsonBody();
		const config = isObject(body) ? body : { rules: body };
		deps.faults.set(parseFaultRules(config.rules));
		if (typeof config.seed === 'number' || typeof config.seed === 'string') deps.faults.reseed(config.seed);
		return faultsView();
	});
	admin.route('POST', '/faults', async (ctx) => {
		deps.faults.add(parseFaultRule(await ctx.jsonBody()));
		return reply(201, faultsView());
	});
	admin.route('DELETE', '/faults', () => {
		deps.faults.clear();
		return faultsView();
	});

	admin.route('GET', '/stats', () => deps.stats.snapshot());
	admin.route('DELETE', '/stats', () => {
		deps.stats.reset();
		return deps.stats.snapshot();
	});

	admin.route('GET', '/rate-limit', () => ({ rateLimit: deps.getRateLimit() ?? null }));
	admin.route('PUT', '/rate-limit', async (ctx) => {
		deps.setRateLimit(parseRateLimit(await ctx.jsonBody()));
		return { rateLimit: deps.getRateLimit() };
	});
	admin.route('DELETE', '/rate-limit', () => {
		deps.setRateLimit(undefined);
		return { rateLimit: null };
	});

	admin.route('GET', '/state', () => deps.state());
	admin.route('POST', '/reset', () => {
		deps.reset();
		return { reset: true };
	});
}
