import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { startReinferEmulator, type ReinferEmulator } from '../../emulators/reinfer';
import { startDevServer, type DevServer } from './dev-server';
import { connectClient } from '../../temporal/client';
import type { TemporalSettings } from '../../temporal/config';
import { SEARCH_ATTRIBUTE_TYPES } from '../../workflows/searchAttributes';

/** The repository root, from scripts/temporal or dist/scripts/temporal. */
export const REPO = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []));
export const REINFER_TOKEN = 'local-stack-token';

/** The node arguments of package.json's `worker` script ("node <flags> dist/worker/main.js"). */
function workerArgs(): string[] {
	const script = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: { worker: string } }).scripts.worker;
	const [command, ...args] = script.split(/\s+/);
	if (command !== 'node') throw new Error(`package.json "worker" script must start with node, got: ${script}`);
	return args;
}

/**
 * A local stack for tests and benchmarks: a real Temporal dev server, the re:infer emulator, and
 * worker processes started from the built `dist/worker/main.js` exactly as `npm run worker` does.
 * Fails loudly when anything cannot start.
 */
export class LocalStack {
	server!: DevServer;
	emulator!: ReinferEmulator;
	client!: Client;
	settings!: TemporalSettings;
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'textai-temporal-'));
	readonly payloadKeys = `k2:${randomBytes(32).toString('base64')}`;
	private closeClient?: () => Promise<void>;
	private workers = new Set<ChildProcess>();
	workerLogs = '';

	async start(options: { taskQueue?: string } = {}): Promise<this> {
		this.server = await startDevServer({ searchAttributes: { ...SEARCH_ATTRIBUTE_TYPES } });
		this.emulator = await startReinferEmulator({ tokens: [REINFER_TOKEN], owner: 'acme' });
		this.settings = {
			address: this.server.address,
			namespace: this.server.namespace,
			taskQueue: options.taskQueue ?? `textai-test-${randomBytes(4).toString('hex')}`,
			payloadKeys: this.payloadKeys,
		};
		const { client, close } = await connectClient(this.settings);
		this.client = client;
		this.closeClient = close;
		return this;
	}

	workerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
		return {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			TEMPORAL_ADDRESS: this.settings.address,
			TEMPORAL_NAMESPACE: this.settings.namespace,
			TEMPORAL_TASK_QUEUE: this.settings.taskQueue,
			TEXTAI_PAYLOAD_KEYS: this.payloadKeys,
			TEXTAI_REINFER_DEFAULT_URL: this.emulator.url,
			TEXTAI_REINFER_DEFAULT_TOKEN: REINFER_TOKEN,
			...extra,
		};
	}

	/** Starts the worker as `npm run worker` does (same node flags) and resolves once it polls. */
	async startWorker(extra: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
		const child = spawn(process.execPath, workerArgs(), { cwd: REPO, env: this.workerEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] });
		this.workers.add(child);
		child.on('exit', () => this.workers.delete(child));
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`worker did not start in 30 s:\n${this.workerLogs.slice(-4000)}`)), 30_000);
			// Readiness is this child's own line: the shared log also holds earlier workers' output.
			let own: string | undefined = '';
			const onData = (chunk: Buffer) => {
				this.workerLogs += chunk.toString();
				if (own === undefined) return;
				own += chunk.toString();
				if (own.includes('worker ready')) {
					own = undefined;
					clearTimeout(timer);
					resolve();
				}
			};
			child.stdout!.on('data', onData);
			child.stderr!.on('data', (chunk: Buffer) => (this.workerLogs += chunk.toString()));
			child.on('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`worker exited with ${code} before it was ready:\n${this.workerLogs.slice(-4000)}`));
			});
		});
		return child;
	}

	/** SIGKILL: no graceful shutdown, no last heartbeat. */
	async killWorker(child: ChildProcess): Promise<void> {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}

	async stop(): Promise<void> {
		await Promise.all([...this.workers].map((w) => this.killWorker(w)));
		await this.closeClient?.();
		await this.emulator?.close();
		await this.server?.stop();
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
