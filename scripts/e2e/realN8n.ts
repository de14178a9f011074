import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root, from scripts/e2e or dist/scripts/e2e. */
export const REPO = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []));

/**
 * Real n8n, run headless as its CLI: the package is installed exactly as a user does (its
 * `npm pack` tarball unpacked under the user folder's `.n8n/nodes/node_modules`), credentials and
 * workflows are imported, and `n8n execute` runs them.
 */
export class RealN8n {
	readonly userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'textai-n8n-'));
	readonly bin: string;
	private readonly env: NodeJS.ProcessEnv;
	private runs = 0;

	constructor() {
		this.bin = execFileSync('bash', [path.join(REPO, 'scripts', 'e2e', 'ensure-n8n.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
		this.env = {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_EXPRESSION_ENGINE: 'legacy',
			// `n8n execute` prints its result through the logger at info level.
			N8N_LOG_LEVEL: 'info',
			N8N_RUNNERS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			DB_SQLITE_POOL_SIZE: '0',
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

	/** Executes a workflow; returns n8n's raw run data (or throws with n8n's own error output). */
	async execute(id: string): Promise<ExecuteResult> {
		const result = await this.run(['execute', `--id=${id}`, '--rawOutput']);
		const raw = lastJsonObject(result.stdout) as { status?: string; data?: { resultData: { runData: never } } } | undefined;
		if (!raw) throw new Error(`n8n execute printed no run data (exit ${result.status}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
		return { status: raw.status ?? (result.status === 0 ? 'success' : 'error'), runData: raw.data?.resultData.runData ?? {}, raw };
	}

	/** The JSON of every item a node output in its first run. */
	static output(run: ExecuteResult, node: string): Array<Record<string, unknown>> {
		return (run.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
	}

	cleanup(): void {
		fs.rmSync(this.userFolder, { recursive: true, force: true });
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
