import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../core';
import type { DeepOpinionControl } from './control';
import { createDeepOpinionPlatform, type DeepOpinionPlatformOptions } from './platform';

export type { CompleteReviewsInput, DeepOpinionControl } from './control';
export type { HitlOptions, WebhookDelivery } from './hitl';
export { createDeepOpinionPlatform, DEFAULT_TOKENS, DEFAULT_USERS, type DeepOpinionPlatformOptions } from './platform';
export { DEFAULT_TIMING, PRETRAINED_CLASSES, type Timing } from './store';
export { segment, sentiment, tagSegment } from './text';

export type DeepOpinionEmulatorOptions = EmulatorOptions & Omit<DeepOpinionPlatformOptions, 'seed'>;

export interface DeepOpinionEmulator extends EmulatorHandle {
	/** Inspection and control: complete HITL reviews, webhook deliveries, expire tokens, state. */
	readonly deepopinion: DeepOpinionControl;
}

/** Starts the DeepOpinion Studio emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startDeepOpinionEmulator(options: DeepOpinionEmulatorOptions = {}): Promise<DeepOpinionEmulator> {
	const { platform, control, hitl } = createDeepOpinionPlatform({ ...options, seed: options.seed });
	const handle = await startEmulator(platform, options);
	return {
		...handle,
		deepopinion: control,
		close: async () => {
			hitl.clear();
			await handle.close();
		},
	};
}
