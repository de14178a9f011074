import { DEFAULT_SEED, type EmulatorPlatform, type Seed } from '../core';
import { LuminosoControl } from './control';
import { errorBody } from './drf';
import { compassRouter } from './http';
import { registerAccountRoutes } from './routes/accounts';
import { registerLuminosoAdminRoutes } from './routes/admin';
import { registerAuthRoutes } from './routes/auth';
import { registerClassifierRoutes } from './routes/classifiers';
import { registerInsightRoutes } from './routes/insights';
import { registerMessageRoutes } from './routes/messages';
import { registerProjectRoutes } from './routes/projects';
import { registerTopicRoutes } from './routes/topics';
import { LuminosoStore, TWO_WEEKS_MS, type SeedUser } from './store';

export const DEFAULT_ADMIN: Readonly<SeedUser> = Object.freeze({ email: 'admin@example.com', password: 'admin-password', name: 'Site Admin', admin: true });

export interface LuminosoPlatformOptions {
	/** Users who can log in (default: one site admin, admin@example.com / admin-password). */
	users?: readonly SeedUser[];
	/** Token lifetime (default two weeks, as documented). */
	tokenTtlMs?: number;
	/** How long voting and topic-based classifiers stay in_training (default 1000 ms). */
	trainingMs?: number;
	/** Page size of paginated lists (default 20, as documented). */
	pageSize?: number;
	/** Seed of ids, tokens and temporary passwords (default 42). */
	seed?: Seed;
	/** Clock (default Date.now). */
	clock?: () => number;
}

export function createLuminosoPlatform(options: LuminosoPlatformOptions = {}): { platform: EmulatorPlatform; control: LuminosoControl } {
	const store = new LuminosoStore({
		users: options.users ?? [DEFAULT_ADMIN],
		tokenTtlMs: options.tokenTtlMs ?? TWO_WEEKS_MS,
		trainingMs: options.trainingMs ?? 1000,
		seed: options.seed ?? DEFAULT_SEED,
		clock: options.clock ?? Date.now,
	});
	const control = new LuminosoControl(store);

	const platform: EmulatorPlatform = {
		name: 'luminoso',
		registerRoutes(api) {
			const router = compassRouter(api, store, options.pageSize ?? 20);
			registerAuthRoutes(router, store);
			registerAccountRoutes(router, store);
			registerProjectRoutes(router, store);
			registerClassifierRoutes(router, store);
			registerTopicRoutes(router, store);
			registerMessageRoutes(router, store);
			registerInsightRoutes(router, store);
			router.finish();
		},
		registerAdminRoutes: (admin) => registerLuminosoAdminRoutes(admin, control),
		errorBody,
		rateLimitKey: (req) => req.headers.authorization ?? req.socket.remoteAddress,
		state: () => control.state(),
		reset: () => store.clear(),
	};
	return { platform, control };
}
