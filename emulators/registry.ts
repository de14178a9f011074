import type { ParseArgsConfig } from 'node:util';
import type { EmulatorHandle, EmulatorOptions } from './core';
import { startReinferEmulator } from './reinfer';

type ArgOptions = NonNullable<ParseArgsConfig['options']>;
export type ArgValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A platform the CLI can start by name. */
export interface EmulatorDefinition {
	readonly description: string;
	/** Platform-specific command-line options, on top of the common ones. */
	readonly options: ArgOptions;
	start(common: EmulatorOptions, values: ArgValues): Promise<EmulatorHandle>;
}

const strings = (value: ArgValues[string]): string[] | undefined =>
	value === undefined ? undefined : (Array.isArray(value) ? value : [value]).map(String);

export const EMULATORS: Record<string, EmulatorDefinition> = {
	reinfer: {
		description: 're:infer API (/api/v1, X-Auth-Token auth)',
		options: {
			token: { type: 'string', multiple: true },
			owner: { type: 'string' },
		},
		start: (common, values) =>
			startReinferEmulator({ ...common, tokens: strings(values.token), owner: values.owner as string | undefined }),
	},
};
