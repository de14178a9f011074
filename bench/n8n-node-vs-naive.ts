/**
 * n8n node vs naive n8n, in real n8n: 10,000 items synced to re:infer by the re:infer node
 * (batched) versus the same work as one HTTP Request node call per item. Prints the requests each
 * made (counted by the emulator) and the ratio of the two nodes' execution times (n8n's own
 * per-node `executionTime`), measured in the same run.
 *
 *   npm run build && node dist/bench/n8n-node-vs-naive.js [--items 10000] [--repeat 3]
 *
 * How it measures, so that both sides are treated alike:
 * - Every measured run gets the same items (Start -> Comments -> Split) and writes into a source of
 *   its own, so each run creates all comments anew: equal work for the emulator.
 * - Every measured run is warm: n8n (and the emulator) ran the same node type just before, in the
 *   same process. The batched side runs a warm-up copy and then `--repeat` copies in one
 *   `n8n execute`. The naive side needs one process per run: a 10,000-request HTTP Request run
 *   leaves its sockets to close lazily, so a few runs in one process exhaust the file descriptors
 *   (EMFILE), and that cleanup was measured to land in whichever node runs next (+600 ms on a
 *   ~150 ms Sync run when the two were interleaved). Each naive process warms up on the first
 *   1,000 items (a Limit node) before its measured run.
 * - The ratio is the one of the medians; every run, and the batched side's warm-up (cold) run, are
 *   printed too.
 */
import { startReinferEmulator } from '../emulators/reinfer';
import { RealN8n } from '../scripts/e2e/realN8n';
import { countOption, median } from './common';

type Node = Record<string, unknown> & { name: string };

async function main(): Promise<void> {
	const count = countOption('items', 10_000);
	const repeat = countOption('repeat', 3);
	const warmUpItems = Math.min(count, 1000);
	const token = 'bench-token';
	const emulator = await startReinferEmulator({ tokens: [token], owner: 'acme' });
	const n8n = new RealN8n();
	try {
		await n8n.importCredentials([{ id: 'bench1', name: 're:infer', type: 'reinferApi', data: { token, baseUrl: emulator.url } }]);
		const comments = Array.from({ length: count }, (_, i) => ({ id: (i + 1).toString(16), timestamp: '2024-01-01T00:00:00Z', messages: [{ body: { text: `comment ${i}: please refund order ${i}` } }] }));
		const head: Node[] = [
			{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'c', name: 'Comments', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0], parameters: { mode: 'raw', jsonOutput: JSON.stringify({ comments }) } },
			{ id: 'x', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'comments' } },
		];
		const expected = new Map<string, number>();
		const source = async (name: string, comments: number) => {
			await fetch(`${emulator.url}/api/v1/sources/acme/${name}`, { method: 'PUT', headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' }, body: '{"source":{}}' });
			expected.set(name, comments);
			return name;
		};
		const sync = async (name: string): Promise<Node> => ({
			name,
			type: 'n8n-nodes-textai.reinfer',
			typeVersion: 1,
			credentials: { reinferApi: { id: 'bench1', name: 're:infer' } },
			parameters: { resource: 'comment', operation: 'sync', source: { __rl: true, mode: 'name', value: `acme/${await source(name.replace(/\W+/g, '-'), count)}` }, inputMode: 'json', objectJson: '={{ $json }}' },
		});
		const http = async (name: string, items: number): Promise<Node> => ({
			name,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${emulator.url}/api/v1/sources/acme/${await source(name.replace(/\W+/g, '-'), items)}/sync`,
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'X-Auth-Token', value: token }] },
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify({ comments: [$json] }) }}',
				options: {},
			},
		});
		/** A workflow whose branches after Split run top to bottom (n8n's v1 execution order). */
		const workflow = (id: string, branches: Node[][]) =>
			n8n.importWorkflow({
				id,
				name: id,
				nodes: [...head, ...branches.flatMap((branch, b) => branch.map((node, n) => ({ id: `${b}-${n}`, position: [600 + n * 200, b * 200], ...node })))],
				connections: {
					Start: { main: [[{ node: 'Comments', type: 'main', index: 0 }]] },
					Comments: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
					Split: { main: [branches.map((branch) => ({ node: branch[0].name, type: 'main', index: 0 }))] },
					...Object.fromEntries(branches.flatMap((branch) => branch.slice(1).map((node, n) => [branch[n].name, { main: [[{ node: node.name, type: 'main', index: 0 }]] }]))),
				},
			});

		/** Executes a workflow; checks the request count and node order; returns each node's execution time (ms). */
		const execute = async (id: string, nodes: string[], requests: number): Promise<number[]> => {
			const before = emulator.stats().total;
			const result = await n8n.execute(id, 240_000 + nodes.length * 60_000);
			if (result.status !== 'success') throw new Error(`${id} run failed: ${JSON.stringify(result.raw).slice(0, 2000)}`);
			const sent = emulator.stats().total - before;
			if (sent !== requests) throw new Error(`${id}: expected ${requests} requests, the emulator counted ${sent}`);
			const tasks = nodes.map((node) => result.runData[node]?.[0] as { executionTime?: number; startTime?: number } | undefined);
			tasks.forEach((task, i) => {
				if (!task || (i > 0 && (task.startTime ?? 0) < (tasks[i - 1]?.startTime ?? Infinity))) throw new Error(`${id}: "${nodes[i]}" did not run in order`);
			});
			return tasks.map((task) => task?.executionTime ?? NaN);
		};

		// Batched: a warm-up copy, then the measured copies, in one process.
		const batchedRequests = Math.ceil(count / 1024);
		const syncNames = ['Sync warm-up', ...Array.from({ length: repeat }, (_, r) => `Sync ${r + 1}`)];
		const batched = await workflow('benchBatched01', await Promise.all(syncNames.map(async (name) => [await sync(name)])));
		const [syncWarmUp, ...syncRuns] = await execute(batched, syncNames, syncNames.length * batchedRequests);

		// Naive: one process per run, each warmed up on the first items.
		const httpRuns: number[] = [];
		for (let r = 1; r <= repeat; r++) {
			const names = [`HTTP warm-up ${r}`, `HTTP Request ${r}`];
			const limit: Node = { name: `First ${warmUpItems} ${r}`, type: 'n8n-nodes-base.limit', typeVersion: 1, parameters: { maxItems: warmUpItems } };
			const id = await workflow(`benchNaive000${r}`, [[limit, await http(names[0], warmUpItems)], [await http(names[1], count)]]);
			httpRuns.push((await execute(id, names, warmUpItems + count))[1]);
		}

		for (const [name, comments] of expected) {
			const stored = emulator.reinfer.commentCount(emulator.reinfer.source('acme', name)!.id);
			if (stored !== comments) throw new Error(`expected ${comments} comments in acme/${name}, got ${stored}`);
		}
		const node = median(syncRuns);
		const naive = median(httpRuns);
		process.stdout.write(`\nn8n node vs naive n8n (${count.toLocaleString('en')} items, real n8n ${n8n.version}, same emulator; median of ${repeat} warm runs each)\n`);
		process.stdout.write('| workflow | requests | node execution time (median) | runs | speed-up |\n|---|---|---|---|---|\n');
		process.stdout.write(`| re:infer node, Sync (batched) | ${batchedRequests} | ${Math.round(node)} ms | ${syncRuns.join(', ')} ms (cold first run: ${syncWarmUp} ms) | ${(naive / node).toFixed(0)}x |\n`);
		process.stdout.write(`| HTTP Request node, one call per item | ${count} | ${Math.round(naive)} ms | ${httpRuns.join(', ')} ms | 1x |\n`);
	} finally {
		await n8n.cleanup();
		await emulator.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
