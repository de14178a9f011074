import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../core';
import type { ApresControl } from './control';
import { createApresPlatform, type ApresPlatformOptions } from './platform';

export type { ApresState, BatchState, RecipeState } from './control';
export { ApresControl } from './control';
export { createApresPlatform, type ApresPlatformOptions } from './platform';
export { AWS_REGIONS, parseCsv } from './routes';
export { BATCH_STATES, DEFAULT_API_KEY, DEFAULT_TEMPLATES, type Location, type ProcessingTemplateConfig, type RecipeConfig } from './store';
export type { WebhookDelivery, WebhookPayload, WebhookPolicy } from './webhooks';

export type ApresEmulatorOptions = EmulatorOptions & Omit<ApresPlatformOptions, 'seed'>;

export interface ApresEmulator extends EmulatorHandle {
	/** Inspection and control of the emulated state (recipes, batches, tasks, webhooks). */
	readonly apres: ApresControl;
}

/** Starts the Apres emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startApresEmulator(options: ApresEmulatorOptions = {}): Promise<ApresEmulator> {
	const { platform, control, shutdown } = createApresPlatform({ ...options, seed: options.seed });
	const handle = await startEmulator(platform, options);
	return {
		...handle,
		apres: control,
		close: async () => {
			// Batch timers and webhook deliveries belong to the platform: stop them with the server.
			shutdown();
			await handle.close();
		},
	};
}
