import fs from 'node:fs';

/**
 * Platform credentials live on the worker only: workflow inputs name a connection ("default",
 * "eu-prod", ...) and activities resolve it here, so no secret ever enters Temporal history.
 *
 * Sources, first match wins:
 * - TEXTAI_CONNECTIONS_FILE: JSON `{ "<platform>": { "<name>": { ...fields } } }`
 * - environment: TEXTAI_<PLATFORM>_<NAME>_<FIELD>, e.g. TEXTAI_REINFER_DEFAULT_URL,
 *   TEXTAI_REINFER_DEFAULT_TOKEN, TEXTAI_SINK_N8N_HEADERS (JSON object of headers).
 */
export interface ReinferConnection {
	baseUrl: string;
	token: string;
}

/** Where a stream consumer delivers batches; headers carry the sink's own authentication. */
export interface SinkConnection {
	headers?: Record<string, string>;
}

export class ConfigurationError extends Error {
	override readonly name = 'ConfigurationError';
}

/** The environment variable holding one field of a connection, e.g. TEXTAI_REINFER_EU_PROD_TOKEN. */
export function envName(platform: string, name: string, field: string): string {
	return `TEXTAI_${platform}_${name}_${field}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

type Store = Record<string, Record<string, Record<string, unknown>>>;

export class ConnectionRegistry {
	constructor(
		private readonly file: Store = {},
		private readonly env: NodeJS.ProcessEnv = {},
	) {}

	static fromEnv(env: NodeJS.ProcessEnv = process.env): ConnectionRegistry {
		const path = env.TEXTAI_CONNECTIONS_FILE;
		const file = path ? (JSON.parse(fs.readFileSync(path, 'utf8')) as Store) : {};
		return new ConnectionRegistry(file, env);
	}

	private field(platform: string, name: string, field: string): unknown {
		const fromFile = this.file[platform]?.[name]?.[field];
		if (fromFile !== undefined) return fromFile;
		return this.env[envName(platform, name, field)];
	}

	reinfer(name: string): ReinferConnection {
		const baseUrl = this.field('reinfer', name, 'url') ?? this.field('reinfer', name, 'baseUrl');
		const token = this.field('reinfer', name, 'token');
		if (typeof baseUrl !== 'string' || typeof token !== 'string' || !baseUrl || !token) {
			throw new ConfigurationError(`re:infer connection "${name}" is not configured on this worker (set ${envName('reinfer', name, 'url')} and ${envName('reinfer', name, 'token')}, or TEXTAI_CONNECTIONS_FILE)`);
		}
		return { baseUrl, token };
	}

	/**
	 * The Apres connection `<name>`: one recipe. TEXTAI_APRES_<NAME>_KEY (the recipe API key),
	 * TEXTAI_APRES_<NAME>_URL (default https://api.apres.io/api/v1), TEXTAI_APRES_<NAME>_SAS_TOKEN
	 * (optional: the SAS token azure-blob task batches use, so it never enters a job input).
	 */
	apres(name: string): { baseUrl: string; apiKey: string; sasToken?: string } {
		const baseUrl = this.field('apres', name, 'url') ?? this.field('apres', name, 'baseUrl') ?? 'https://api.apres.io/api/v1';
		const apiKey = this.field('apres', name, 'key') ?? this.field('apres', name, 'apiKey');
		const sasToken = this.field('apres', name, 'sas_token') ?? this.field('apres', name, 'sasToken');
		if (typeof baseUrl !== 'string' || typeof apiKey !== 'string' || !baseUrl || !apiKey) {
			throw new ConfigurationError(`Apres connection "${name}" is not configured on this worker (set ${envName('apres', name, 'key')} and optionally ${envName('apres', name, 'url')}, or TEXTAI_CONNECTIONS_FILE)`);
		}
		return { baseUrl, apiKey, ...(typeof sasToken === 'string' && sasToken ? { sasToken } : {}) };
	}

	/**
	 * The Primer Automate connection `<name>`: TEXTAI_PRIMER_<NAME>_USERNAME and _PASSWORD (SSO login,
	 * refreshed automatically) or _TOKEN (pre-issued JWT); _URL (default
	 * https://auto.primer.ai/api/v1alpha/automate) and _SSO_URL (default https://sso.primer.ai).
	 */
	primer(name: string): { baseUrl?: string; ssoUrl?: string; username?: string; password?: string; token?: string } {
		const text = (field: string) => {
			const value = this.field('primer', name, field);
			return typeof value === 'string' && value !== '' ? value : undefined;
		};
		const username = text('username');
		const password = text('password');
		const token = text('token');
		if (!token && !(username && password)) {
			throw new ConfigurationError(
				`Primer Automate connection "${name}" is not configured on this worker (set ${envName('primer', name, 'username')} and ${envName('primer', name, 'password')}, or ${envName('primer', name, 'token')}; optionally ${envName('primer', name, 'url')} and ${envName('primer', name, 'sso_url')}; or TEXTAI_CONNECTIONS_FILE)`,
			);
		}
		return { baseUrl: text('url') ?? text('baseUrl'), ssoUrl: text('sso_url') ?? text('ssoUrl'), username, password, token };
	}

	/**
	 * The Luminoso Compass connection `<name>`: TEXTAI_LUMINOSO_<NAME>_URL (the Compass URL,
	 * https://<host>/api: required, Compass is deployed per customer) and _USERNAME + _PASSWORD
	 * (login, renewed when the token expires) or _TOKEN (a token given directly).
	 */
	luminoso(name: string): { baseUrl: string; username?: string; password?: string; token?: string } {
		const text = (field: string) => {
			const value = this.field('luminoso', name, field);
			return typeof value === 'string' && value !== '' ? value : undefined;
		};
		const baseUrl = text('url') ?? text('baseUrl');
		const username = text('username');
		const password = text('password');
		const token = text('token');
		if (!baseUrl || (!token && !(username && password))) {
			throw new ConfigurationError(
				`Luminoso Compass connection "${name}" is not configured on this worker (set ${envName('luminoso', name, 'url')} and ${envName('luminoso', name, 'username')} + ${envName('luminoso', name, 'password')}, or ${envName('luminoso', name, 'token')}; or TEXTAI_CONNECTIONS_FILE)`,
			);
		}
		return { baseUrl, username, password, token };
	}

	/**
	 * The DeepOpinion Studio connection `<name>`: TEXTAI_DEEPOPINION_<NAME>_EMAIL and _PASSWORD
	 * (login, repeated when the token expires) or _TOKEN (a pre-issued token); _URL (default
	 * https://api.deepopinion.ai).
	 */
	deepopinion(name: string): { baseUrl: string; email?: string; password?: string; token?: string } {
		const text = (field: string) => {
			const value = this.field('deepopinion', name, field);
			return typeof value === 'string' && value !== '' ? value : undefined;
		};
		const email = text('email');
		const password = text('password');
		const token = text('token');
		if (!token && !(email && password)) {
			throw new ConfigurationError(
				`DeepOpinion connection "${name}" is not configured on this worker (set ${envName('deepopinion', name, 'email')} and ${envName('deepopinion', name, 'password')}, or ${envName('deepopinion', name, 'token')}; optionally ${envName('deepopinion', name, 'url')}; or TEXTAI_CONNECTIONS_FILE)`,
			);
		}
		return { baseUrl: text('url') ?? text('baseUrl') ?? 'https://api.deepopinion.ai', email, password, token };
	}

	sink(name: string): SinkConnection {
		const headers = this.field('sink', name, 'headers');
		if (headers === undefined) return {};
		const parsed = typeof headers === 'string' ? (JSON.parse(headers) as unknown) : headers;
		if (!parsed || typeof parsed !== 'object') throw new ConfigurationError(`sink connection "${name}": headers must be a JSON object`);
		return { headers: parsed as Record<string, string> };
	}
}
