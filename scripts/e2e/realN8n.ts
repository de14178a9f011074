import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getFreePort } from '../temporal/dev-server';

/** The repository root, from scripts/e2e or dist/scripts/e2e. */
export const REPO = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []));

/** The n8n release lines the suite runs against (versions and their Node.js: scripts/e2e/ensure-n8n.sh). */
export type N8nLine = '1' | '2';

/**
 * The line a test file runs against: the `E2E_N8N_LINE` global of its jest project
 * (jest.e2e.config.js runs every file once per line), else the E2E_N8N variable, else 1.
 */
export function currentLine(): N8nLine {
	const value = String((globalThis as { E2E_N8N_LINE?: unknown }).E2E_N8N_LINE ?? process.env.E2E_N8N ?? '1');
	if (value !== '1' && value !== '2') throw new Error(`E2E_N8N must be 1 or 2, got "${value}"`);
	return value;
}

/** Waits until `condition` returns a value other than undefined/false, checking every `intervalMs`. */
export async function waitUntil<T>(what: string, condition: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, intervalMs = 100): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await condition();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/**
 * Real n8n, run headless as its CLI: the package is installed exactly as a user does (its
 * `npm pack` tarball unpacked under the user folder's `.n8n/nodes/node_modules`), credentials and
 * workflows are imported, `n8n execute` runs them, and `n8n start` serves active workflows
 * (webhook and polling triggers) on 127.0.0.1.
 */
export class RealN8n {
	readonly userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'textai-n8n-'));
	readonly line: N8nLine;
	/** The launcher written by ensure-n8n.sh (runs n8n with the Node.js its line needs). */
	readonly bin: string;
	readonly version: string;
	private readonly env: NodeJS.ProcessEnv;
	private runs = 0;
	private port?: number;
	private server?: N8nServer;

	constructor(options: { line?: N8nLine } = {}) {
		this.line = options.line ?? currentLine();
		this.bin = execFileSync('bash', [path.join(REPO, 'scripts', 'e2e', 'ensure-n8n.sh'), this.line], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!;
		this.version = /n8n-([^/]+)$/.exec(path.dirname(this.bin))?.[1] ?? 'unknown';
		this.env = {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			// `n8n execute` prints its result through the logger at info level.
			N8N_LOG_LEVEL: 'info',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			DB_SQLITE_POOL_SIZE: '0',
			...(this.line === '1'
				? // Node 20: isolated-vm (the 1.x expression sandbox option) is not built; no task runners.
					{ N8N_EXPRESSION_ENGINE: 'legacy', N8N_RUNNERS_ENABLED: 'false' }
				: {}),
		};
		this.installPackage();
	}

	/** `npm pack` the repository and unpack it where n8n looks for community packages. */
	private installPackage(): void {
		const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'textai-pack-'));
		const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop()!;
		const target = path.join(this.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-textai');
		fs.mkdirSync(target, { recursive: true });
		execFileSync('tar', ['-xzf', path.join(packDir, tarball), '-C', target, '--strip-components=1']);
		fs.writeFileSync(path.join(this.userFolder, '.n8n', 'nodes', 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-textai': '*' } }));
		fs.rmSync(packDir, { recursive: true, force: true });
	}

	/** Runs the n8n CLI without blocking this process (the emulators answer from this event loop). */
	private run(args: string[], timeoutMs = 180_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
		// Output goes to files, not pipes: n8n exits right after printing, and a pipe can lose the tail.
		const outFile = path.join(this.userFolder, `cli-${++this.runs}.out`);
		const errFile = `${outFile}.err`;
		const out = fs.openSync(outFile, 'w');
		const err = fs.openSync(errFile, 'w');
		const read = () => ({ stdout: fs.readFileSync(outFile, 'utf8'), stderr: fs.readFileSync(errFile, 'utf8') });
		return new Promise((resolve, reject) => {
			const child = spawn(this.bin, args, { env: this.env, stdio: ['ignore', out, err] });
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				const { stdout, stderr } = read();
				reject(new Error(`n8n ${args[0]} did not finish in ${timeoutMs} ms:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
			}, timeoutMs);
			child.on('error', reject);
			child.on('close', (status) => {
				clearTimeout(timer);
				fs.closeSync(out);
				fs.closeSync(err);
				resolve({ status, ...read() });
			});
		});
	}

	async importCredentials(credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>): Promise<void> {
		const file = path.join(this.userFolder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		const result = await this.run(['import:credentials', `--input=${file}`]);
		if (result.status !== 0) throw new Error(`import:credentials failed:\n${result.stdout}\n${result.stderr}`);
	}

	async importWorkflow(workflow: Record<string, unknown>): Promise<string> {
		const id = (workflow.id as string) ?? randomBytes(8).toString('hex');
		const file = path.join(this.userFolder, `workflow-${id}.json`);
		fs.writeFileSync(file, JSON.stringify({ active: false, settings: { executionOrder: 'v1' }, ...workflow, id }));
		const result = await this.run(['import:workflow', `--input=${file}`]);
		if (result.status !== 0) throw new Error(`import:workflow failed:\n${result.stdout}\n${result.stderr}`);
		return id;
	}

	/** Imports several workflows with one CLI run (`import:workflow --separate`); returns their IDs. */
	async importWorkflows(workflows: Array<Record<string, unknown>>): Promise<string[]> {
		const dir = fs.mkdtempSync(path.join(this.userFolder, 'workflows-'));
		const ids = workflows.map((workflow) => {
			const id = (workflow.id as string) ?? randomBytes(8).toString('hex');
			fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify({ active: false, settings: { executionOrder: 'v1' }, ...workflow, id }));
			return id;
		});
		const result = await this.run(['import:workflow', '--separate', `--input=${dir}`]);
		if (result.status !== 0) throw new Error(`import:workflow --separate failed:\n${result.stdout}\n${result.stderr}`);
		return ids;
	}

	/**
	 * Marks imported workflows active, so that `n8n start` activates them: `update:workflow
	 * --active=true` on 1.x, `publish:workflow` on 2.x (where the former is deprecated). One ID per run.
	 */
	async activate(ids: string[]): Promise<void> {
		for (const id of ids) {
			const args = this.line === '1' ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`];
			const result = await this.run(args);
			if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
		}
	}

	/** Executes a workflow; returns n8n's raw run data (or throws with n8n's own error output). */
	async execute(id: string, timeoutMs?: number): Promise<ExecuteResult> {
		const result = await this.run(['execute', `--id=${id}`, '--rawOutput'], timeoutMs);
		const raw = lastJsonObject(result.stdout) as { status?: string; data?: { resultData: { runData: never } } } | undefined;
		if (!raw) throw new Error(`n8n execute printed no run data (exit ${result.status}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
		return { status: raw.status ?? (result.status === 0 ? 'success' : 'error'), runData: raw.data?.resultData.runData ?? {}, raw };
	}

	/**
	 * `n8n start` on 127.0.0.1 (the same port for every start of this instance, so that registered
	 * webhook URLs stay valid across a restart), without the editor UI. Resolves once n8n has
	 * activated the active workflows (it logs the editor URL after that) and serves webhooks.
	 */
	async serve(timeoutMs = 180_000): Promise<N8nServer> {
		if (this.server?.running) throw new Error('n8n is already serving');
		this.port ??= await getFreePort();
		const url = `http://127.0.0.1:${this.port}`;
		const logFile = path.join(this.userFolder, `start-${++this.runs}.log`);
		const log = fs.openSync(logFile, 'w');
		const child = spawn(this.bin, ['start'], {
			env: {
				...this.env,
				N8N_PORT: String(this.port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_PROTOCOL: 'http',
				WEBHOOK_URL: `${url}/`,
				N8N_DISABLE_UI: 'true',
				N8N_PUBLIC_API_DISABLED: 'true',
				N8N_RUNNERS_BROKER_PORT: String(await getFreePort()),
				N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			},
			stdio: ['ignore', log, log],
		});
		fs.closeSync(log);
		const server = new N8nServer(child, url, logFile);
		this.server = server;
		try {
			await waitUntil(
				'n8n start to activate the workflows',
				() => {
					if (!server.running) throw new Error(`n8n start exited (${child.exitCode ?? child.signalCode}):\n${server.logs().slice(-4000)}`);
					return server.logs().includes('Editor is now accessible via');
				},
				timeoutMs,
				200,
			);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	/** The JSON of every item a node output in its first run. */
	static output(run: ExecuteResult, node: string): Array<Record<string, unknown>> {
		return (run.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
	}

	async cleanup(): Promise<void> {
		await this.server?.stop();
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** A running `n8n start`. */
export class N8nServer {
	constructor(
		private readonly child: ChildProcess,
		/** Base URL, e.g. http://127.0.0.1:5678 */
		readonly url: string,
		private readonly logFile: string,
	) {}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** What n8n printed so far (stdout and stderr). */
	logs(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	/** The production URL of a webhook node: `<url>/webhook/<webhookId>/<path>` (n8n's layout for nodes with a webhookId). */
	webhookUrl(webhookId: string, webhookPath: string): string {
		return `${this.url}/webhook/${webhookId}/${webhookPath}`;
	}

	/** SIGTERM (n8n's graceful shutdown), then SIGKILL if it has not exited within `graceMs`. */
	async stop(graceMs = 30_000): Promise<void> {
		if (!this.running) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
}

export interface ExecuteResult { status: string; runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message: string } }>>; raw: unknown }

/** The last pretty-printed JSON object in a log (a line that is exactly "{" up to its matching "}"). */
function lastJsonObject(text: string): unknown {
	const lines = text.split('\n');
	for (let start = lines.length - 1; start >= 0; start--) {
		if (lines[start] !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end] !== '}') continue;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				// not this closing brace
			}
		}
	}
	return undefined;
}
