import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../core';
import type { PrimerControl } from './control';
import { createPrimerPlatform, type PrimerPlatformOptions } from './platform';
import { API_PREFIX } from './routes/common';

export type { ModelInput, PrimerControl, PrimerState } from './control';
export { classify, defaultModels, ENTITIES_MODEL, extractEntities, KEY_PHRASES_MODEL, NEWS_TOPICS_MODEL, predict, TOPIC_LABELS, UNDEPLOYED_MODEL, type ModelRecord, type ModelType } from './models';
export { createPrimerPlatform, DEFAULT_USERS, type PrimerPlatformOptions } from './platform';
export { API_PREFIX } from './routes/common';
export { LOGIN_PATH } from './routes/auth';
export { DEFAULT_SETTINGS, type PrimerSettings, type PrimerUser } from './store';

export type PrimerEmulatorOptions = EmulatorOptions & Omit<PrimerPlatformOptions, 'seed'>;

export interface PrimerEmulator extends EmulatorHandle {
	/** API base URL: `<url>/api/v1alpha/automate`. */
	readonly apiUrl: string;
	/** SSO base URL (the login is `<ssoUrl>/api/v1/auth/login`): the same server. */
	readonly ssoUrl: string;
	/** Inspection and control of the emulated state. */
	readonly primer: PrimerControl;
}

/** Starts the Primer Automate emulator (API and SSO login on one server) on 127.0.0.1. */
export async function startPrimerEmulator(options: PrimerEmulatorOptions = {}): Promise<PrimerEmulator> {
	const { platform, control } = createPrimerPlatform({ users: options.users, tokens: options.tokens, settings: options.settings, seed: options.seed });
	const handle = await startEmulator(platform, options);
	return { ...handle, apiUrl: `${handle.url}${API_PREFIX}`, ssoUrl: handle.url, primer: control };
}
