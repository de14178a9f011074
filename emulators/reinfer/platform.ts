import { DEFAULT_SEED, unauthorized, type EmulatorPlatform, type Seed } from '../core';
import { ReinferControl } from './control';
import { errorBody } from './responses';
import { registerReinferAdminRoutes } from './routes/admin';
import { registerCommentRoutes } from './routes/comments';
import { registerDatasetRoutes } from './routes/datasets';
import { registerPredictionRoutes } from './routes/predictions';
import { registerSourceRoutes } from './routes/sources';
import { registerTriggerRoutes } from './routes/triggers';
import { ReinferStore } from './store';

export const DEFAULT_TOKENS: readonly string[] = ['dev-token'];
export const DEFAULT_OWNER = 'user';
const TOKEN_HEADER = 'x-auth-token';

export interface ReinferPlatformOptions {
	/** Accepted X-Auth-Token values (default `["dev-token"]`). */
	tokens?: readonly string[];
	/** The account's username, the default owner for admin/programmatic calls (default "user"). */
	owner?: string;
	/** Seed of the id generator (default 42): the same seed gives the same source/dataset ids. */
	seed?: Seed;
}

export function createReinferPlatform(options: ReinferPlatformOptions = {}): { platform: EmulatorPlatform; control: ReinferControl } {
	const tokens = new Set(options.tokens ?? DEFAULT_TOKENS);
	const store = new ReinferStore(options.seed ?? DEFAULT_SEED);
	const control = new ReinferControl(store, options.owner ?? DEFAULT_OWNER);

	const platform: EmulatorPlatform = {
		name: 'reinfer',
		registerRoutes(api) {
			registerSourceRoutes(api, store);
			registerDatasetRoutes(api, store);
			registerCommentRoutes(api, store);
			registerPredictionRoutes(api, store);
			registerTriggerRoutes(api, store);
		},
		registerAdminRoutes: (admin) => registerReinferAdminRoutes(admin, control),
		authenticate({ req }) {
			const token = req.headers[TOKEN_HEADER];
			if (typeof token !== 'string' || token === '') throw unauthorized('missing X-Auth-Token header');
			if (!tokens.has(token)) throw unauthorized('invalid access token');
			return token;
		},
		errorBody,
		rateLimitKey: (req) => (req.headers[TOKEN_HEADER] as string | undefined) ?? req.socket.remoteAddress,
		state: () => control.state(),
		reset: () => store.clear(),
	};
	return { platform, control };
}
