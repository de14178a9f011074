import { Client, Connection } from '@temporalio/client';
import { connectionOptions, dataConverter, type TemporalSettings } from './config';

/** A Temporal client with the project's data converter (payload encryption when configured). */
export async function connectClient(settings: TemporalSettings): Promise<{ client: Client; close(): Promise<void> }> {
	const connection = await Connection.connect(connectionOptions(settings));
	const client = new Client({ connection, namespace: settings.namespace, dataConverter: dataConverter(settings) });
	return { client, close: () => connection.close() };
}
