import { Context } from '@temporalio/activity';
import fs from 'node:fs/promises';
import type { ReinferClient, TriggerResult } from '../../clients/reinfer';
import type { SinkConnection } from '../shared/connections';

/** Where a stream consumer delivers each fetched batch. */
export type StreamSink =
	| { type: 'http'; url: string; /** Connection name whose headers authenticate us to the sink. */ connection?: string; timeoutMs?: number }
	| { type: 'file'; path: string };

export interface FetchAndDeliverInput {
	connection: string;
	owner: string;
	dataset: string;
	trigger: string;
	size: number;
	sink: StreamSink;
}

export interface FetchAndDeliverResult {
	/** Position to advance to once delivered (the fetch's sequence_id); absent when nothing came. */
	sequenceId?: string;
	delivered: number;
	firstUid?: string;
	lastUid?: string;
}

/**
 * Fetches the next batch of a trigger and hands it to the sink. Only the position and counts go
 * back to the workflow: comment text never enters Temporal history. The workflow advances the
 * trigger in a separate step, only after this succeeded, so an undelivered batch is fetched again.
 */
export async function fetchAndDeliver(client: ReinferClient, sinkConnection: (name: string) => SinkConnection, input: FetchAndDeliverInput): Promise<FetchAndDeliverResult> {
	const batch = await client.fetchTrigger(input.owner, input.dataset, input.trigger, input.size);
	if (batch.results.length === 0) return { delivered: 0 };
	const envelope = { dataset: `${input.owner}/${input.dataset}`, trigger: input.trigger, sequence_id: batch.sequence_id, count: batch.results.length, results: batch.results };
	if (input.sink.type === 'file') await deliverToFile(input.sink.path, envelope.sequence_id, batch.results);
	else await deliverToHttp(input.sink, input.sink.connection ? sinkConnection(input.sink.connection) : {}, envelope);
	return { sequenceId: batch.sequence_id, delivered: batch.results.length, firstUid: batch.results[0].comment.uid, lastUid: batch.results.at(-1)?.comment.uid };
}

export class SinkError extends Error {
	override readonly name = 'SinkError';
}

async function deliverToHttp(sink: Extract<StreamSink, { type: 'http' }>, connection: SinkConnection, envelope: { dataset: string; trigger: string; sequence_id: string }): Promise<void> {
	const response = await fetch(sink.url, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			// Lets the receiver drop a batch it already processed (redelivery after a crash).
			'Idempotency-Key': `${envelope.dataset}/${envelope.trigger}/${envelope.sequence_id}`,
			...connection.headers,
		},
		body: JSON.stringify(envelope),
		signal: AbortSignal.any([Context.current().cancellationSignal, AbortSignal.timeout(sink.timeoutMs ?? 30_000)]),
	});
	await response.arrayBuffer().catch(() => undefined);
	if (!response.ok) throw new SinkError(`sink ${new URL(sink.url).origin} answered HTTP ${response.status}`);
}

/**
 * Appends the batch to a JSONL file exactly once. A sidecar file records the last sequence id
 * written and the file size after it: a redelivered batch is skipped, and a write cut short by a
 * crash is truncated away before the batch is written again.
 */
async function deliverToFile(path: string, sequenceId: string, results: TriggerResult[]): Promise<void> {
	const markerPath = `${path}.sequence.json`;
	const marker = JSON.parse(await fs.readFile(markerPath, 'utf8').catch(() => '{"last":null,"size":0}')) as { last: string | null; size: number };
	if (marker.last === sequenceId) return;
	const handle = await fs.open(path, 'a+');
	try {
		await handle.truncate(marker.size);
		const text = results.map((r) => `${JSON.stringify({ sequence_id: sequenceId, ...r })}\n`).join('');
		await handle.appendFile(text);
		await handle.sync();
		marker.size += Buffer.byteLength(text);
	} finally {
		await handle.close();
	}
	marker.last = sequenceId;
	await fs.writeFile(`${markerPath}.tmp`, JSON.stringify(marker));
	await fs.rename(`${markerPath}.tmp`, markerPath);
}
