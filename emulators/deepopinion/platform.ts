import { DEFAULT_SEED, HttpError, unauthorized, type EmulatorPlatform, type Seed } from '../core';
import { DeepOpinionControl, registerDeepOpinionAdminRoutes } from './control';
import { HitlEngine, registerHitlRoutes, type HitlOptions } from './hitl';
import { registerAnalysisRoutes } from './routes/analyses';
import { registerModelRoutes } from './routes/models';
import { registerProjectRoutes } from './routes/projects';
import { registerSessionRoutes } from './routes/sessions';
import { registerUserRoutes } from './routes/users';
import { registerWorkspaceRoutes } from './routes/workspaces';
import { DEFAULT_TIMING, DeepOpinionStore, type Timing } from './store';
import { errorBody } from './views';

export const DEFAULT_USERS: ReadonlyArray<{ email: string; password: string; first_name?: string; last_name?: string }> = [
	{ email: 'dev@deepopinion.test', password: 'dev-password', first_name: 'Dev', last_name: 'User' },
];
export const DEFAULT_TOKENS: readonly string[] = ['dev-token'];

export interface DeepOpinionPlatformOptions {
	/** Accounts that can log in (default one: dev@deepopinion.test / dev-password, user id 1). */
	users?: ReadonlyArray<{ email: string; password: string; first_name?: string; last_name?: string }>;
	/** Pre-issued tokens accepted as the first user (default `["dev-token"]`). */
	tokens?: readonly string[];
	/** Lifetime of login tokens (default 1 hour). */
	tokenTtlMs?: number;
	/** How fast analyses, training and processing advance (see store.ts). */
	timing?: Partial<Timing>;
	hitl?: HitlOptions;
	seed?: Seed;
}

export function createDeepOpinionPlatform(options: DeepOpinionPlatformOptions = {}): { platform: EmulatorPlatform; control: DeepOpinionControl; hitl: HitlEngine } {
	const store = new DeepOpinionStore(options.seed ?? DEFAULT_SEED, { ...DEFAULT_TIMING, ...options.timing }, options.users ?? DEFAULT_USERS);
	const hitl = new HitlEngine(store, options.hitl);
	const control = new DeepOpinionControl(store, hitl);
	const tokens = new Set(options.tokens ?? DEFAULT_TOKENS);
	const tokenTtlMs = options.tokenTtlMs ?? 3_600_000;

	const platform: EmulatorPlatform = {
		name: 'deepopinion',
		registerRoutes(api) {
			registerUserRoutes(api, store, tokenTtlMs);
			registerWorkspaceRoutes(api, store);
			registerProjectRoutes(api, store);
			registerAnalysisRoutes(api, store);
			registerModelRoutes(api, store);
			registerSessionRoutes(api, store);
			registerHitlRoutes(api, store, hitl);
		},
		registerAdminRoutes: (admin) => registerDeepOpinionAdminRoutes(admin, control),
		// Studio takes the JWT as "Authorization: Bearer <token>" (the docs also show it bare).
		authenticate({ req }) {
			const header = req.headers.authorization;
			if (typeof header !== 'string' || header.trim() === '') throw unauthorized('Provide a valid auth token.');
			const token = header.replace(/^Bearer\s+/i, '').trim();
			if (tokens.has(token)) return '1';
			try {
				return String(store.verifyToken(token));
			} catch (error) {
				if (error instanceof HttpError) throw error;
				throw unauthorized('Invalid token. Please log in again.');
			}
		},
		errorBody,
		rateLimitKey: (req) => req.headers.authorization ?? req.socket.remoteAddress,
		state: () => control.state(),
		reset: () => {
			hitl.clear();
			store.clear();
		},
	};
	return { platform, control, hitl };
}
