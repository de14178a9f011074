import type { ParseArgsConfig } from 'node:util';
import type { EmulatorHandle, EmulatorOptions } from './core';
import { startApresEmulator } from './apres';
import { startDeepOpinionEmulator } from './deepopinion';
import { startReinferEmulator } from './reinfer';
import { startLuminosoEmulator } from './luminoso';
import { startPrimerEmulator } from './primer';

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
	primer: {
		description: 'Primer Automate API (/api/v1alpha/automate, JWT auth) and its SSO login (/api/v1/auth/login)',
		options: {
			user: { type: 'string', multiple: true },
			'static-token': { type: 'string', multiple: true },
			'token-ttl': { type: 'string' },
		},
		start: (common, values) =>
			startPrimerEmulator({
				...common,
				users: strings(values.user)?.map((pair) => {
					const at = pair.indexOf(':');
					return { username: pair.slice(0, at), password: pair.slice(at + 1) };
				}),
				tokens: strings(values['static-token']),
				settings: values['token-ttl'] === undefined ? undefined : { tokenTtlMs: Number(values['token-ttl']) * 1000 },
			}),
	},
	apres: {
		description: 'Apres API (/api/v1, Authorization: <recipe API key>; batches move state every --step-ms, webhooks POSTed)',
		options: {
			'api-key': { type: 'string', multiple: true },
			'step-ms': { type: 'string' },
		},
		start: (common, values) =>
			startApresEmulator({ ...common, apiKeys: strings(values['api-key']), stepMs: values['step-ms'] === undefined ? undefined : Number(values['step-ms']) }),
	},
	luminoso: {
		description: 'Luminoso Compass API (/api/..., trailing slashes, Authorization: Token <token> from POST /api/login/)',
		options: {
			user: { type: 'string', multiple: true },
			'training-ms': { type: 'string' },
			'token-ttl': { type: 'string' },
		},
		start: (common, values) =>
			startLuminosoEmulator({
				...common,
				// --user email:password[:admin]
				users: strings(values.user)?.map((spec) => {
					const [email, password, admin] = spec.split(':');
					return { email, password: password ?? '', admin: admin === 'admin' };
				}),
				trainingMs: values['training-ms'] === undefined ? undefined : Number(values['training-ms']),
				tokenTtlMs: values['token-ttl'] === undefined ? undefined : Number(values['token-ttl']) * 1000,
			}),
	},
	deepopinion: {
		description: 'DeepOpinion Studio API (Authorization: Bearer <auth_token> from POST /auth/login; HITL webhooks POSTed)',
		options: {
			// --user email:password (default dev@deepopinion.test:dev-password); --token pre-issued tokens
			user: { type: 'string', multiple: true },
			token: { type: 'string', multiple: true },
			'token-ttl': { type: 'string' },
			'auto-review-ms': { type: 'string' },
		},
		start: (common, values) =>
			startDeepOpinionEmulator({
				...common,
				users: strings(values.user)?.map((pair) => {
					const at = pair.indexOf(':');
					return { email: pair.slice(0, at), password: pair.slice(at + 1) };
				}),
				tokens: strings(values.token),
				tokenTtlMs: values['token-ttl'] === undefined ? undefined : Number(values['token-ttl']) * 1000,
				hitl: values['auto-review-ms'] === undefined ? undefined : { autoReviewMs: Number(values['auto-review-ms']) },
			}),
	},
};
