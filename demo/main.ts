/**
 * The main job on embedded defaults: starts the local re:infer emulator (unless REINFER_URL and
 * REINFER_TOKEN point at a real instance), creates a source, a dataset and a trigger, syncs a
 * deterministic sample of realistic comments, predicts their labels, consumes the trigger stream
 * into a JSONL file, and prints a summary. Exits 0 and leaves no process behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ReinferClient } from '../clients/reinfer';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { startReinferEmulator, type ReinferEmulator } from '../emulators/reinfer';
import { sampleComments } from './sampleComments';

const COUNT = Number(process.env.DEMO_COMMENTS ?? 3000);
const OUT_DIR = path.resolve(process.env.DEMO_OUT_DIR ?? 'demo-output');

function log(message: string): void {
	process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${message}\n`);
}

async function main(): Promise<void> {
	let emulator: ReinferEmulator | undefined;
	let baseUrl = process.env.REINFER_URL;
	let token = process.env.REINFER_TOKEN;
	if (!baseUrl || !token) {
		emulator = await startReinferEmulator({ tokens: ['demo-token'] });
		baseUrl = emulator.url;
		token = 'demo-token';
		log(`re:infer emulator on ${baseUrl}`);
	}
	const secret = token;
	const client = new ReinferClient({
		baseUrl,
		transport: axiosTransport(),
		sleep: timerSleep,
		auth: { headers: async () => ({ 'X-Auth-Token': secret }), secrets: () => [secret] },
		events: { onRetry: (r) => log(`retry ${r.operation} #${r.attempt} in ${r.delayMs} ms (${r.reason})`) },
	});

	try {
		const owner = process.env.REINFER_OWNER ?? 'user';
		const run = Date.now().toString(36);
		const source = await client.createSource(owner, `demo-support-${run}`, { title: 'Demo support inbox', description: 'Generated sample emails' });
		const dataset = await client.createDataset(owner, `demo-triage-${run}`, { title: 'Demo triage', source_ids: [source.id] });
		log(`created source ${owner}/${source.name} (${source.id}) and dataset ${owner}/${dataset.name}`);
		if (emulator) emulator.reinfer.createTrigger({ owner, dataset: dataset.name, name: 'new-comments' });
		else log('using an existing trigger named "new-comments" on the real instance');

		const comments = [...sampleComments(COUNT)];
		const started = Date.now();
		const sync = await client.syncComments(owner, source.name, comments, {
			concurrency: 2,
			onBatch: ({ batchIndex, size }) => batchIndex % 2 === 0 && log(`synced batch ${batchIndex + 1} (${size} comments)`),
		});
		log(`sync: ${sync.new} new, ${sync.updated} updated, ${sync.unchanged} unchanged in ${sync.requests} requests, ${Date.now() - started} ms`);

		const uids = comments.map((c) => `${source.id}.${c.id}`);
		const predictions = await client.predictComments(owner, dataset.name, 1, uids, { threshold: 0.5 });
		const labelCounts = new Map<string, number>();
		for (const p of predictions.predictions) for (const l of p.labels) labelCounts.set(l.name.join(' > '), (labelCounts.get(l.name.join(' > ')) ?? 0) + 1);
		log(`predicted ${predictions.predictions.length} comments with model ${predictions.model.version}`);

		fs.mkdirSync(OUT_DIR, { recursive: true });
		const streamFile = path.join(OUT_DIR, 'trigger-stream.jsonl');
		const out = fs.createWriteStream(streamFile);
		let streamed = 0;
		for (;;) {
			const batch = await client.fetchTrigger(owner, dataset.name, 'new-comments', 1024);
			if (batch.results.length === 0) break;
			for (const result of batch.results) out.write(`${JSON.stringify({ uid: result.comment.uid, labels: result.labels ?? [] })}\n`);
			streamed += batch.results.length;
			// Advance only after the batch is written: a crash here re-delivers, never loses.
			await client.advanceTrigger(owner, dataset.name, 'new-comments', batch.sequence_id);
		}
		await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
		log(`consumed ${streamed} comments from the trigger into ${path.relative(process.cwd(), streamFile)}`);

		process.stdout.write('\nSummary\n');
		process.stdout.write(`  comments synced     ${sync.new + sync.updated + sync.unchanged} (${sync.requests} requests)\n`);
		process.stdout.write(`  comments predicted  ${predictions.predictions.length}\n`);
		process.stdout.write(`  stream delivered    ${streamed}\n`);
		process.stdout.write('  top labels (p >= 0.5)\n');
		for (const [label, n] of [...labelCounts].sort((a, b) => b[1] - a[1]).slice(0, 6)) process.stdout.write(`    ${String(n).padStart(6)}  ${label}\n`);
		if (streamed !== comments.length || predictions.predictions.length !== comments.length) throw new Error('demo result does not match the synced sample');
	} finally {
		await emulator?.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
