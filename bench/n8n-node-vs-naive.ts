/**
 * n8n node vs naive n8n, in real n8n: 10,000 items synced to re:infer by the re:infer node
 * (batched) versus the same work as one HTTP Request node call per item. Prints the requests each
 * made (counted by the emulator) and the ratio of the two nodes' execution times, measured in the
 * same run.
 *
 *   npm run build && node dist/bench/n8n-node-vs-naive.js [--items 10000]
 */
import { startReinferEmulator } from '../emulators/reinfer';
import { RealN8n } from '../scripts/e2e/realN8n';

async function main(): Promise<void> {
	const arg = process.argv.indexOf('--items');
	const count = arg > 0 ? Number(process.argv[arg + 1]) : 10_000;
	const token = 'bench-token';
	const emulator = await startReinferEmulator({ tokens: [token], owner: 'acme' });
	const n8n = new RealN8n();
	try {
		for (const name of ['batched', 'naive']) await fetch(`${emulator.url}/api/v1/sources/acme/${name}`, { method: 'PUT', headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' }, body: '{"source":{}}' });
		await n8n.importCredentials([{ id: 'bench1', name: 're:infer', type: 'reinferApi', data: { token, baseUrl: emulator.url } }]);
		const comments = Array.from({ length: count }, (_, i) => ({ id: (i + 1).toString(16), timestamp: '2024-01-01T00:00:00Z', messages: [{ body: { text: `comment ${i}: please refund order ${i}` } }] }));
		const head = [
			{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'c', name: 'Comments', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0], parameters: { mode: 'raw', jsonOutput: JSON.stringify({ comments }) } },
			{ id: 'x', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'comments' } },
		];
		const connect = (last: string) => ({ Start: { main: [[{ node: 'Comments', type: 'main', index: 0 }]] }, Comments: { main: [[{ node: 'Split', type: 'main', index: 0 }]] }, Split: { main: [[{ node: last, type: 'main', index: 0 }]] } });
		const batched = await n8n.importWorkflow({
			id: 'benchBatched01',
			name: 'batched',
			nodes: [...head, { id: 'r', name: 'Sync', type: 'n8n-nodes-textai.reinfer', typeVersion: 1, position: [600, 0], credentials: { reinferApi: { id: 'bench1', name: 're:infer' } }, parameters: { resource: 'comment', operation: 'sync', source: { __rl: true, mode: 'name', value: 'acme/batched' }, inputMode: 'json', objectJson: '={{ $json }}' } }],
			connections: connect('Sync'),
		});
		const naive = await n8n.importWorkflow({
			id: 'benchNaive0001',
			name: 'naive',
			nodes: [
				...head,
				{
					id: 'h',
					name: 'HTTP Request',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [600, 0],
					parameters: { method: 'POST', url: `${emulator.url}/api/v1/sources/acme/naive/sync`, sendHeaders: true, headerParameters: { parameters: [{ name: 'X-Auth-Token', value: token }] }, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify({ comments: [$json] }) }}', options: {} },
				},
			],
			connections: connect('HTTP Request'),
		});

		const measure = async (id: string, node: string) => {
			const before = emulator.stats().total;
			const run = await n8n.execute(id);
			if (run.status !== 'success') throw new Error(`${node} run failed: ${JSON.stringify(run.raw).slice(0, 2000)}`);
			const ms = (run.runData[node]?.[0] as { executionTime?: number } | undefined)?.executionTime ?? NaN;
			return { ms, requests: emulator.stats().total - before };
		};
		const node = await measure(batched, 'Sync');
		const http = await measure(naive, 'HTTP Request');
		const counts = ['batched', 'naive'].map((name) => emulator.reinfer.commentCount(emulator.reinfer.source('acme', name)!.id));
		if (counts.some((c) => c !== count)) throw new Error(`expected ${count} comments in each source, got ${counts.join(', ')}`);
		process.stdout.write(`\nn8n node vs naive n8n (${count.toLocaleString('en')} items, real n8n, same emulator)\n`);
		process.stdout.write('| workflow | requests | node execution time | speed-up |\n|---|---|---|---|\n');
		process.stdout.write(`| re:infer node, Sync (batched) | ${node.requests} | ${Math.round(node.ms)} ms | ${(http.ms / node.ms).toFixed(0)}x |\n`);
		process.stdout.write(`| HTTP Request node, one call per item | ${http.requests} | ${Math.round(http.ms)} ms | 1x |\n`);
	} finally {
		n8n.cleanup();
		await emulator.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
