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

	sink(name: string): SinkConnection {
		const headers = this.field('sink', name, 'headers');
		if (headers === undefined) return {};
		const parsed = typeof headers === 'string' ? (JSON.parse(headers) as unknown) : headers;
		if (!parsed || typeof parsed !== 'object') throw new ConfigurationError(`sink connection "${name}": headers must be a JSON object`);
		return { headers: parsed as Record<string, string> };
	}
}
