import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { startJob } from '../../temporal/jobs';
import { LocalStack } from '../../scripts/temporal/localStack';

jest.setTimeout(120_000);

let env: LocalStack;
beforeAll(async () => {
	env = await new LocalStack().start();
});
afterAll(async () => env?.stop());

test('SIGTERM shuts the worker down gracefully (exit 0)', async () => {
	const worker = await env.startWorker();
	const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
	worker.kill('SIGTERM');
	expect(await exited).toBe(0);
});

test('a job naming a connection the worker does not have fails at once with a clear, non-retryable error', async () => {
	await env.startWorker();
	const handle = await startJob(
		env.client,
		'reinfer.bulkSync',
		{ connection: 'eu-prod', owner: 'acme', source: 'x', file: { path: path.join(env.dir, 'none.csv') }, mapping: { id: 'id', timestamp: 'ts', text: 'text' } },
		{ taskQueue: env.settings.taskQueue, jobId: 'missing-connection' },
	);
	const error = await handle.result().then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(WorkflowFailedError);
	const cause = (error as WorkflowFailedError).cause?.cause as (Error & { type?: string }) | undefined;
	expect(cause?.message).toBe('re:infer connection "eu-prod" is not configured on this worker (set TEXTAI_REINFER_EU_PROD_URL and TEXTAI_REINFER_EU_PROD_TOKEN, or TEXTAI_CONNECTIONS_FILE)');
	expect((cause as { type?: string }).type).toBe('ConfigurationError');
	const description = await handle.describe();
	expect(description.typedSearchAttributes.getAll().find((p) => p.key.name === 'TextaiJobState')?.value).toBe('failed');
});
