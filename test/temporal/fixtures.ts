import { openResultWriter } from '../../activities/files';
import { sampleComments } from '../../demo/sampleComments';

export const CSV_COLUMNS = ['ticket_id', 'created', 'body', 'subject', 'sender', 'channel', 'order_value'];

export const CSV_MAPPING = {
	id: 'ticket_id',
	timestamp: 'created',
	text: 'body',
	subject: 'subject',
	from: 'sender',
	userProperties: { 'string:channel': 'channel', 'number:order_value': 'order_value' },
};

/** Writes `count` sample comments as CSV; rows whose index is in `invalidRows` get a bad timestamp. */
export async function writeCommentsCsv(path: string, count: number, invalidRows: ReadonlySet<number> = new Set()): Promise<string[]> {
	const writer = await openResultWriter(path, 'csv', CSV_COLUMNS, { escapeFormulas: false });
	const ids: string[] = [];
	let row = 0;
	for (const c of sampleComments(count)) {
		const m = c.messages[0];
		await writer.write({
			ticket_id: c.id,
			created: invalidRows.has(row) ? 'not a date' : c.timestamp,
			body: m.body.text,
			subject: m.subject?.text,
			sender: m.from,
			channel: c.user_properties?.['string:channel'],
			order_value: c.user_properties?.['number:order_value'],
		});
		if (!invalidRows.has(row)) ids.push(c.id);
		row++;
	}
	await writer.close();
	return ids;
}
