import { DEFAULT_SEED, type EmulatorPlatform, type Seed } from '../core';
import { registerApresAdminRoutes } from './admin';
import { BatchLifecycle } from './batches';
import { ApresControl } from './control';
import { authenticate, registerApresRoutes } from './routes';
import { ApresStore, DEFAULT_API_KEY, type RecipeConfig } from './store';
import { WebhookSender, type WebhookPolicy } from './webhooks';

export interface ApresPlatformOptions {
	/** Recipes and their API keys (default: one recipe with key `dev-recipe-key`). */
	recipes?: RecipeConfig[];
	/** Shorthand: one recipe per key, with the default processing templates. */
	apiKeys?: readonly string[];
	/** Milliseconds between a batch's state changes (default 1000; 0 = only through `advance`). */
	stepMs?: number;
	pricePerTask?: number;
	/** Webhook delivery: drop policy (lost webhooks), attempts, retry delay, timeout. */
	webhooks?: Partial<WebhookPolicy>;
	/** Seed of the id generator and of the webhook drop rate (default 42). */
	seed?: Seed;
}

export function createApresPlatform(options: ApresPlatformOptions = {}): { platform: EmulatorPlatform; control: ApresControl; shutdown(): void } {
	const recipes = options.recipes ?? (options.apiKeys ?? [DEFAULT_API_KEY]).map((apiKey) => ({ apiKey }));
	const seed = options.seed ?? DEFAULT_SEED;
	const store = new ApresStore(recipes, seed);
	const webhooks = new WebhookSender(seed);
	const initialPolicy = { ...webhooks.policy, ...options.webhooks };
	webhooks.policy = { ...initialPolicy };
	const lifecycleOptions = { stepMs: options.stepMs ?? 1000, pricePerTask: options.pricePerTask ?? 0.04 };
	const lifecycle = new BatchLifecycle(store, webhooks, { ...lifecycleOptions });
	const control = new ApresControl(store, lifecycle, webhooks);

	const platform: EmulatorPlatform = {
		name: 'apres',
		registerRoutes: (api) => registerApresRoutes(api, store, lifecycle),
		registerAdminRoutes: (admin) => registerApresAdminRoutes(admin, control),
		authenticate: ({ req }) => authenticate(store, req),
		errorBody: (_status, message) => ({ error: message }),
		state: () => control.state(),
		reset: () => {
			store.clear();
			webhooks.reset();
			webhooks.policy = { ...initialPolicy };
			lifecycle.options = { ...lifecycleOptions };
		},
	};
	return {
		platform,
		control,
		shutdown: () => {
			store.stopTimers();
			webhooks.close();
		},
	};
}
