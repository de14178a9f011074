import type { IncomingMessage } from 'node:http';
import type { RequestContext } from './context';
import type { RouteRegistrar } from './router';

/** What a platform emulator plugs into the generic server. */
export interface EmulatorPlatform {
	/** Short name, used in the CLI and for the admin scope `/__emulator/<name>/...`. */
	readonly name: string;
	/** Registers the public API routes. */
	registerRoutes(api: RouteRegistrar): void;
	/** Registers platform-specific admin routes; patterns are relative to `/__emulator/<name>`. */
	registerAdminRoutes?(admin: RouteRegistrar): void;
	/**
	 * Authenticates a request to a route with `auth` enabled: returns the principal (e.g. the
	 * token or user) or throws an HttpError (typically 401).
	 */
	authenticate?(ctx: RequestContext): string | Promise<string>;
	/** The platform's error body, e.g. re:infer's `{"status":"error","message":"..."}`. */
	errorBody(status: number, message: string): unknown;
	/** Key for the optional per-client rate limit (default: Authorization header, else remote address). */
	rateLimitKey?(req: IncomingMessage): string | undefined;
	/** A JSON dump of the platform state, served at `GET /__emulator/state`. */
	state(): unknown;
	/** Forgets all platform state (`POST /__emulator/reset`). */
	reset(): void;
}
