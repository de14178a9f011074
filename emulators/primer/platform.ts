import { DEFAULT_SEED, unauthorized, type EmulatorPlatform, type Seed } from '../core';
import { PrimerControl } from './control';
import { registerPrimerAdminRoutes } from './routes/admin';
import { registerAuthRoutes } from './routes/auth';
import { registerDatasetRoutes } from './routes/datasets';
import { registerModelRoutes } from './routes/models';
import { registerPredictionDownload } from './routes/predictions';
import { DEFAULT_SETTINGS, PrimerStore, type PrimerSettings, type PrimerUser } from './store';

export const DEFAULT_USERS: readonly PrimerUser[] = [
	{ username: 'analyst@example.com', password: 'automate-dev-password', user_id: '4028440374033030052', org_id: 1, annotator_name: 'Jonathan Bradshaw' },
];

export interface PrimerPlatformOptions {
	/** Accounts the SSO login accepts (default one: analyst@example.com / automate-dev-password). */
	users?: ReadonlyArray<Partial<PrimerUser> & { username: string; password: string }>;
	/** Pre-issued tokens accepted as `Authorization: JWT <token>` (they never expire). */
	tokens?: readonly string[];
	/** Timings: token TTL, job and deployment durations, download chunking (see PrimerSettings). */
	settings?: Partial<PrimerSettings>;
	/** Seed of the id generator (default 42). */
	seed?: Seed;
}

export function createPrimerPlatform(options: PrimerPlatformOptions = {}): { platform: EmulatorPlatform; control: PrimerControl } {
	const users: PrimerUser[] = (options.users ?? DEFAULT_USERS).map((u, i) => ({
		user_id: String(4028440374033030052n + BigInt(i)),
		org_id: 1,
		annotator_name: u.username,
		...u,
	}));
	const store = new PrimerStore(users, options.tokens ?? [], options.seed ?? DEFAULT_SEED, { ...DEFAULT_SETTINGS, ...options.settings });
	const control = new PrimerControl(store);

	const platform: EmulatorPlatform = {
		name: 'primer',
		registerRoutes(api) {
			registerAuthRoutes(api, store);
			registerDatasetRoutes(api, store);
			registerModelRoutes(api, store);
			registerPredictionDownload(api, store);
		},
		registerAdminRoutes: (admin) => registerPrimerAdminRoutes(admin, control),
		authenticate({ req }) {
			const header = req.headers.authorization;
			if (typeof header !== 'string' || header.trim() === '') throw unauthorized("missing Authorization header: send 'Authorization: JWT <token>'");
			const match = /^JWT\s+(\S+)$/.exec(header.trim());
			if (!match) throw unauthorized("the Authorization header must use the JWT scheme: 'Authorization: JWT <token>'");
			const token = match[1];
			if (store.staticTokens.has(token)) return store.users[0]?.username ?? 'token';
			const record = store.tokens.get(token);
			if (!record) {
				store.auth.invalid++;
				throw unauthorized('Invalid token');
			}
			if (Date.now() >= record.expiresAt) {
				store.auth.expired++;
				throw unauthorized('Token has expired');
			}
			return record.username;
		},
		// Flask-style `{"message"}`, without the core helpers' "404 Not Found: " prefix.
		errorBody: (_status, message) => ({ message: message.replace(/^\d{3} [A-Za-z' -]+: /, '') }),
		rateLimitKey: (req) => req.headers.authorization ?? req.socket.remoteAddress,
		state: () => control.state(),
		reset: () => store.clear(),
	};
	return { platform, control };
}
