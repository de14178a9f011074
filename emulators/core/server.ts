import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, registerCoreAdminRoutes } from './admin';
import { createContext, DEFAULT_BODY_LIMIT_BYTES } from './context';
import { HttpError, statusLine } from './errors';
import { FaultInjector, type FaultConfig, type FaultRule } from './faults';
import type { EmulatorPlatform } from './platform';
import type { Seed } from './prng';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { Reply, sendJson } from './reply';
import { Router, type RouteMatch } from './router';
import { StatsRecorder, type StatsSnapshot } from './stats';

export interface EmulatorOptions {
	/** Default 0: a free port. */
	port?: number;
	/** Default 127.0.0.1. The admin API only answers loopback clients whatever this is. */
	host?: string;
	/** Seed of the fault PRNG (and of platforms' id generators); default 42. */
	seed?: Seed;
	/** Fault rules active from the start, or `{ rules, seed }`. */
	faults?: FaultRule[] | FaultConfig;
	/** Per-client rate limit; off unless given. */
	rateLimit?: RateLimitOptions;
	/** Largest accepted request body (default 32 MB); beyond it the answer is 413. */
	bodyLimitBytes?: number;
	/** Log one line per request (off by default): true for stderr, or a function. */
	log?: boolean | ((line: string) => void);
}

export interface FaultController {
	list(): FaultRule[];
	set(rules: readonly FaultRule[]): void;
	add(rule: FaultRule): void;
	clear(): void;
	reseed(seed?: Seed): void;
}

export interface EmulatorHandle {
	readonly platform: string;
	/** e.g. http://127.0.0.1:43123 (no trailing slash). */
	readonly url: string;
	readonly port: number;
	readonly faults: FaultController;
	stats(): StatsSnapshot;
	/** Platform state, stats, faults (back to the start options, reseeded) and rate-limit buckets. */
	reset(): void;
	setRateLimit(options: RateLimitOptions | undefined): void;
	/** Stops listening and destroys open (keep-alive) connections. */
	close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

class EmulatorServer {
	readonly api = new Router();
	readonly admin = new Router();
	readonly stats = new StatsRecorder();
	readonly faults: FaultInjector;
	private rateLimiter: RateLimiter | undefined;
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly bodyLimit: number;
	private readonly log: ((line: string) => void) | undefined;

	constructor(
		private readonly platform: EmulatorPlatform,
		private readonly options: EmulatorOptions,
	) {
		const faultConfig = Array.isArray(options.faults) ? { rules: options.faults } : (options.faults ?? {});
		this.faults = new FaultInjector({ seed: options.seed, ...faultConfig });
		this.setRateLimit(options.rateLimit);
		this.bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
		this.log = options.log === true ? (line) => process.stderr.write(`${line}\n`) : options.log || undefined;
		platform.registerRoutes(this.api);
		registerCoreAdminRoutes(this.admin, {
			platformName: platform.name,
			faults: this.faults,
			stats: this.stats,
			state: () => platform.state(),
			reset: () => this.reset(),
			getRateLimit: () => this.rateLimiter?.options,
			setRateLimit: (o) => this.setRateLimit(o),
		});
		platform.registerAdminRoutes?.(this.admin.scope(`${ADMIN_PREFIX}/${platform.name}`));
	}

	setRateLimit(options: RateLimitOptions | undefined): void {
		this.rateLimiter = options ? new RateLimiter(options) : undefined;
	}

	reset(): void {
		this.platform.reset();
		this.stats.reset();
		this.faults.reset();
		this.setRateLimit(this.options.rateLimit);
	}

	cancelTimers(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	handle = (req: IncomingMessage, res: ServerResponse): void => {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://emulator');
		const method = req.method ?? 'GET';
		if (this.log) {
			res.once('close', () => this.log?.(`${method} ${url.pathname} ${res.writableFinished ? res.statusCode : 'aborted'} ${Date.now() - started}ms`));
		}
		const isAdmin = url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`);
		const work = isAdmin ? this.handleAdmin(req, res, url) : this.handleApi(req, res, url);
		work.catch((error: unknown) => this.fail(res, error, isAdmin));
	};

	private async handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) throw new HttpError(403, statusLine(403, 'admin API is loopback only'));
		const match = this.admin.match(req.method ?? 'GET', url.pathname);
		if (!match) throw new HttpError(404, statusLine(404));
		await this.run(match, req, res, url, false);
	}

	private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		const method = req.method ?? 'GET';
		const match = this.api.match(method, url.pathname);
		this.stats.track(match ? `${method} ${match.route.pattern}` : `${method} (unmatched)`, res);

		const decision = this.faults.decide(method, url.pathname);
		this.stats.faultsFired(decision.fired);
		if (decision.delayMs > 0) await this.delay(decision.delayMs);
		if (decision.action?.kind === 'drop') {
			req.socket.destroy();
			return;
		}
		if (decision.action) {
			const { status, message, headers } = decision.action;
			throw new HttpError(status, message, headers);
		}

		const wait = this.rateLimiter?.take(this.platform.rateLimitKey?.(req) ?? defaultRateLimitKey(req)) ?? 0;
		if (wait > 0) {
			this.stats.rateLimited();
			throw new HttpError(429, statusLine(429, 'rate limit exceeded'), { 'retry-after': String(wait) });
		}
		if (!match) throw new HttpError(404, statusLine(404));
		await this.run(match, req, res, url, match.route.options.auth !== false);
	}

	private async run({ route, params }: RouteMatch, req: IncomingMessage, res: ServerResponse, url: URL, authenticate: boolean): Promise<void> {
		const ctx = createContext(req, res, url, params, this.bodyLimit);
		if (authenticate && this.platform.authenticate) {
			ctx.principal = await this.platform.authenticate(ctx);
		}
		const result = await route.handler(ctx);
		if (res.headersSent || res.writableEnded) return;
		if (result instanceof Reply) sendJson(res, result.status, result.body, result.headers);
		else if (result === undefined) sendJson(res, 204, undefined);
		else sendJson(res, 200, result);
	}

	private fail(res: ServerResponse, error: unknown, isAdmin: boolean): void {
		const httpError =
			error instanceof HttpError ? error : new HttpError(500, statusLine(500, (error as Error)?.message ?? String(error)));
		if (!(error instanceof HttpError)) process.stderr.write(`[emulator:${this.platform.name}] ${(error as Error)?.stack ?? error}\n`);
		const body = isAdmin ? { error: httpError.message } : this.platform.errorBody(httpError.status, httpError.message);
		sendJson(res, httpError.status, body, httpError.headers);
	}

	private delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}
}

function defaultRateLimitKey(req: IncomingMessage): string {
	return req.headers.authorization ?? req.socket.remoteAddress ?? 'unknown';
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address() as AddressInfo);
		});
	});
}

/** Starts a platform emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startEmulator(platform: EmulatorPlatform, options: EmulatorOptions = {}): Promise<EmulatorHandle> {
	const emulator = new EmulatorServer(platform, options);
	const server = createServer({ keepAliveTimeout: 5000 }, emulator.handle);
	const host = options.host ?? '127.0.0.1';
	const address = await listen(server, options.port ?? 0, host);
	const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	let closing: Promise<void> | undefined;
	return {
		platform: platform.name,
		url: `http://${urlHost}:${address.port}`,
		port: address.port,
		faults: {
			list: () => emulator.faults.list(),
			set: (rules) => emulator.faults.set(rules),
			add: (rule) => emulator.faults.add(rule),
			clear: () => emulator.faults.clear(),
			reseed: (seed) => emulator.faults.reseed(seed),
		},
		stats: () => emulator.stats.snapshot(),
		reset: () => emulator.reset(),
		setRateLimit: (o) => emulator.setRateLimit(o),
		close: () =>
			(closing ??= new Promise<void>((resolve) => {
				emulator.cancelTimers();
				server.close(() => resolve());
				server.closeAllConnections();
			})),
	};
}
