/**
 * The main job on embedded defaults: starts a Temporal dev server (the official CLI, obtained by
 * scripts/temporal/ensure-temporal-cli.sh), the local re:infer emulator and a worker; creates a
 * source, a dataset and a trigger; bulk-syncs a deterministic sample of realistic comments from a
 * CSV file, bulk-predicts them, consumes the trigger stream into a JSONL file, prints progress
 * and a summary, and shuts everything down (exit 0, no process left behind).
 *
 * Environment: DEMO_COMMENTS (default 3000), DEMO_OUT_DIR (default ./demo-output), and the usual
 * TEMPORAL_* variables to use an existing cluster instead of the dev server.
 */
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ReinferClient } from '../clients/reinfer';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { ConnectionRegistry } from '../activities/shared/connections';
import { startReinferEmulator } from '../emulators/reinfer';
import { startDevServer } from '../scripts/temporal/dev-server';
import { connectClient } from '../temporal/client';
import { settingsFromEnv } from '../temporal/config';
import { startJob } from '../temporal/jobs';
import { createWorker } from '../worker/createWorker';
import { SEARCH_ATTRIBUTE_TYPES } from '../workflows/searchAttributes';
import { bulkSyncProgress } from '../workflows/reinfer/bulkSync';
import { SAMPLE_CSV_MAPPING, writeSampleCsv } from './sampleComments';

const COUNT = Number(process.env.DEMO_COMMENTS ?? 3000);
const OUT_DIR = path.resolve(process.env.DEMO_OUT_DIR ?? 'demo-output');
const TOKEN = 'demo-token';

const log = (message: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${message}\n`);

async function main(): Promise<void> {
	Runtime.install({ logger: new DefaultLogger('WARN') });
	fs.mkdirSync(OUT_DIR, { recursive: true });
	const cleanups: Array<() => Promise<unknown>> = [];
	try {
		const server = await startDevServer({ searchAttributes: { ...SEARCH_ATTRIBUTE_TYPES } });
		cleanups.unshift(() => server.stop());
		log(process.env.TEMPORAL_ADDRESS ? `using Temporal at ${server.address}` : `Temporal dev server on ${server.address}`);
		const emulator = await startReinferEmulator({ tokens: [TOKEN], owner: 'demo' });
		cleanups.unshift(() => emulator.close());
		log(`re:infer emulator on ${emulator.url}`);

		const settings = { ...settingsFromEnv(), address: server.address, namespace: server.namespace, taskQueue: `textai-demo-${Date.now().toString(36)}`, payloadKeys: `demo:${randomBytes(32).toString('base64')}` };
		const connections = new ConnectionRegistry({ reinfer: { default: { url: emulator.url, token: TOKEN } } });
		const { worker, connection } = await createWorker({ settings, connections });
		const running = worker.run();
		cleanups.unshift(async () => {
			worker.shutdown();
			await running;
			await connection.close();
		});
		const { client, close } = await connectClient(settings);
		cleanups.unshift(close);
		log(`worker polling ${settings.taskQueue} (payloads encrypted)`);

		const reinfer = new ReinferClient({ baseUrl: emulator.url, transport: axiosTransport(), sleep: timerSleep, auth: { headers: async () => ({ 'X-Auth-Token': TOKEN }), secrets: () => [TOKEN] } });
		const source = await reinfer.createSource('demo', 'support-inbox', { title: 'Support inbox' });
		await reinfer.createDataset('demo', 'triage', { title: 'Triage', source_ids: [source.id] });
		emulator.reinfer.createTrigger({ owner: 'demo', dataset: 'triage', name: 'new-comments' });
		log(`created source demo/support-inbox (${source.id}), dataset demo/triage, trigger new-comments`);

		const csv = path.join(OUT_DIR, 'comments.csv');
		await writeSampleCsv(csv, COUNT);
		log(`wrote ${COUNT} sample comments to ${path.relative(process.cwd(), csv)}`);
		const mapping = SAMPLE_CSV_MAPPING;
		const queue = { taskQueue: settings.taskQueue };

		const sync = await startJob(client, 'reinfer.bulkSync', { connection: 'default', owner: 'demo', source: 'support-inbox', file: { path: csv }, mapping, rowsPerActivity: 1000 }, { ...queue, jobId: 'demo-bulk-sync' });
		const ticker = setInterval(() => void sync.query(bulkSyncProgress).then((p) => log(`bulk sync: ${p.rows}/${COUNT} rows`)).catch(() => undefined), 500);
		const synced = await sync.result().finally(() => clearInterval(ticker));
		log(`bulk sync done: ${synced.new} new, ${synced.updated} updated, ${synced.unchanged} unchanged, ${synced.invalid} invalid (${synced.activities} activities)`);

		const predictions = path.join(OUT_DIR, 'predictions.csv');
		const predicted = await (
			await startJob(client, 'reinfer.bulkPredict', { connection: 'default', owner: 'demo', dataset: 'triage', modelVersion: '1', threshold: 0.5, file: { path: csv }, uids: { sourceId: source.id, mapping }, outputPath: predictions }, { ...queue, jobId: 'demo-bulk-predict' })
		).result();
		log(`bulk predict done: ${predicted.predicted} comments -> ${path.relative(process.cwd(), predictions)}`);

		const streamFile = path.join(OUT_DIR, 'trigger-stream.jsonl');
		fs.rmSync(streamFile, { force: true });
		fs.rmSync(`${streamFile}.sequence.json`, { force: true });
		const stream = await (
			await startJob(client, 'reinfer.streamConsumer', { connection: 'default', owner: 'demo', dataset: 'triage', trigger: 'new-comments', batchSize: 500, sink: { type: 'file', path: streamFile }, stopWhenIdle: true }, { ...queue, jobId: 'demo-stream' })
		).result();
		log(`stream consumer done: ${stream.delivered} comments in ${stream.batches} batches -> ${path.relative(process.cwd(), streamFile)}`);

		const labels = new Map<string, number>();
		for (const line of fs.readFileSync(predictions, 'utf8').trim().split('\r\n').slice(1)) {
			const top = line.split(',')[2];
			if (top) labels.set(top, (labels.get(top) ?? 0) + 1);
		}
		process.stdout.write('\nSummary\n');
		process.stdout.write(`  comments synced      ${synced.new + synced.updated + synced.unchanged} of ${COUNT} rows (${synced.invalid} invalid)\n`);
		process.stdout.write(`  comments predicted   ${predicted.predicted}\n`);
		process.stdout.write(`  stream delivered     ${stream.delivered}\n`);
		process.stdout.write('  top labels (p >= 0.5)\n');
		for (const [label, n] of [...labels].sort((a, b) => b[1] - a[1]).slice(0, 6)) process.stdout.write(`    ${String(n).padStart(6)}  ${label}\n`);
		if (stream.delivered !== COUNT || predicted.predicted !== COUNT) throw new Error('demo results do not match the sample');
	} finally {
		for (const cleanup of cleanups) await cleanup().catch(() => undefined);
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
