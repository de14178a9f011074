import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../core';
import type { LuminosoControl } from './control';
import { createLuminosoPlatform, type LuminosoPlatformOptions } from './platform';

export type { LuminosoControl, LuminosoState } from './control';
export { UNCLASSIFIED } from './classify';
export { createLuminosoPlatform, DEFAULT_ADMIN, type LuminosoPlatformOptions } from './platform';
export { CONFIG_DEFAULTS, type SeedUser } from './store';
export { DEFAULT_WORDLIST } from './text';

export type LuminosoEmulatorOptions = EmulatorOptions & Omit<LuminosoPlatformOptions, 'seed'>;

export interface LuminosoEmulator extends EmulatorHandle {
	/** The Compass URL clients use: `<url>/api`. */
	readonly apiUrl: string;
	/** Inspection and control of the emulated state (users, tokens, projects, classifiers). */
	readonly luminoso: LuminosoControl;
}

/** Starts the Luminoso Compass emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startLuminosoEmulator(options: LuminosoEmulatorOptions = {}): Promise<LuminosoEmulator> {
	const { platform, control } = createLuminosoPlatform({ ...options, seed: options.seed });
	const handle = await startEmulator(platform, options);
	return { ...handle, apiUrl: `${handle.url}/api`, luminoso: control };
}
