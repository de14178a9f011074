import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../core';
import type { ReinferControl } from './control';
import { createReinferPlatform, type ReinferPlatformOptions } from './platform';

export type { ApiComment, Content, Message, UserProperties } from './comments';
export type { CreateTriggerInput, LabelConfig, ReinferControl, ReinferState, TriggerState } from './control';
export type { Entity, EntitySpan } from './entities';
export { BASELINE_MAX, BASELINE_MIN, DEFAULT_LABELS, type LabelDef, type LabelPrediction } from './labels';
export { createReinferPlatform, DEFAULT_OWNER, DEFAULT_TOKENS, type ReinferPlatformOptions } from './platform';
export type { DatasetInfo, SourceInfo } from './store';

export type ReinferEmulatorOptions = EmulatorOptions & Omit<ReinferPlatformOptions, 'seed'>;

export interface ReinferEmulator extends EmulatorHandle {
	/** Inspection and control of the emulated state (sources, comments, labels, triggers). */
	readonly reinfer: ReinferControl;
}

/** Starts the re:infer emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startReinferEmulator(options: ReinferEmulatorOptions = {}): Promise<ReinferEmulator> {
	const { platform, control } = createReinferPlatform({ tokens: options.tokens, owner: options.owner, seed: options.seed });
	const handle = await startEmulator(platform, options);
	return { ...handle, reinfer: control };
}
