import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { createActivities } from '../activities';
import { ConnectionRegistry } from '../activities/shared/connections';
import { connectionOptions, dataConverter, type TemporalSettings } from '../temporal/config';

/** The prebuilt workflow bundle (`npm run build`), used when present: starts in milliseconds. */
export const WORKFLOW_BUNDLE = path.resolve(__dirname, '..', 'workflow-bundle.js');

export interface CreateWorkerOptions {
	settings: TemporalSettings;
	connections?: ConnectionRegistry;
	/** Tuning passed through to the SDK (e.g. maxConcurrentActivityTaskExecutions). */
	tuning?: Partial<Pick<WorkerOptions, 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'shutdownGraceTime'>>;
}

/** Creates the one worker that registers every workflow and activity of the project. */
export async function createWorker(options: CreateWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
	const { settings } = options;
	const connection = await NativeConnection.connect(connectionOptions(settings));
	const workflows = fs.existsSync(WORKFLOW_BUNDLE) ? { workflowBundle: { codePath: WORKFLOW_BUNDLE } } : { workflowsPath: require.resolve('../workflows') };
	const worker = await Worker.create({
		connection,
		namespace: settings.namespace,
		taskQueue: settings.taskQueue,
		...workflows,
		activities: createActivities(options.connections ?? ConnectionRegistry.fromEnv()),
		dataConverter: dataConverter(settings),
		shutdownGraceTime: '10 seconds',
		...options.tuning,
	});
	return { worker, connection };
}
