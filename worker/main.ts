/**
 * `npm run worker`: one worker process for every job of the project, configured from the
 * environment (see temporal/config.ts and activities/shared/connections.ts). SIGINT/SIGTERM drain
 * running activities (up to the shutdown grace time) before the process exits.
 */
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { settingsFromEnv } from '../temporal/config';
import { createWorker } from './createWorker';
import { startWebhookFromEnv } from './webhookServer';
import { startApresCallbacksFromEnv } from './apresCallbacks';
import { startDeepOpinionHitlFromEnv } from './deepopinionHitl';

async function main(): Promise<void> {
	Runtime.install({ logger: new DefaultLogger((process.env.TEXTAI_LOG_LEVEL as 'INFO') || 'WARN') });
	const settings = settingsFromEnv();
	const { worker, connection } = await createWorker({ settings });
	// TEXTAI_WEBHOOK_PORT set: also accept job starts over authenticated HTTP (worker/webhookServer.ts).
	const webhook = await startWebhookFromEnv(settings, process.env, (line) => process.stdout.write(`${line}\n`));
	if (webhook) process.stdout.write(`webhook listening: ${webhook.url}/jobs/<job name>\n`);
	// TEXTAI_APRES_CALLBACK_PORT set: receive Apres task batch callbacks (worker/apresCallbacks.ts).
	const apresCallbacks = await startApresCallbacksFromEnv(settings, process.env, (line) => process.stdout.write(`${line}\n`));
	if (apresCallbacks) process.stdout.write(`apres callbacks listening: ${apresCallbacks.url}/apres/callbacks/...\n`);
	// TEXTAI_DEEPOPINION_WEBHOOK_PORT set: receive DeepOpinion HITL webhooks (worker/deepopinionHitl.ts).
	const deepopinionHitl = await startDeepOpinionHitlFromEnv(settings, process.env, (line) => process.stdout.write(`${line}\n`));
	if (deepopinionHitl) process.stdout.write(`deepopinion hitl webhooks listening: ${deepopinionHitl.url}/deepopinion/hitl/...\n`);
	process.stdout.write(`worker ready: ${settings.address} namespace=${settings.namespace} taskQueue=${settings.taskQueue} encryption=${settings.payloadKeys ? 'on' : 'off'}\n`);
	try {
		await worker.run();
	} finally {
		await webhook?.close();
		await apresCallbacks?.close();
		await deepopinionHitl?.close();
		await connection.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
