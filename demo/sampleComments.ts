import { openResultWriter } from '../activities/files';
import type { NewComment } from '../clients/reinfer';

/**
 * A deterministic corpus of realistic customer emails and survey comments: the same seed always
 * yields the same comments, so demos, tests and benchmarks can assert exact results.
 */

const FIRST = ['Alice', 'Bob', 'Carol', 'Dinesh', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Lena'];
const DOMAINS = ['example.com', 'mail.test', 'corp.example', 'shop.example'];
const CHANNELS = ['email', 'chat', 'survey', 'app-review'];

const TOPICS: Array<{ subject: string; lines: string[] }> = [
	{
		subject: 'Refund request for order {order}',
		lines: ['I would like a refund for order {order}.', 'The item arrived damaged and I want my money back.', 'Please process the refund to my card ending {card}.'],
	},
	{
		subject: 'Where is my delivery?',
		lines: ['My delivery for order {order} is late again.', 'Tracking has not updated since {date}.', 'Can you tell me when the parcel will arrive?'],
	},
	{
		subject: 'Cannot log in',
		lines: ['I forgot my password and the reset link does not work.', 'The app says my account is locked.', 'Please help me reset my password.'],
	},
	{
		subject: 'Question about invoice {order}',
		lines: ['The invoice for order {order} shows the wrong amount of {amount}.', 'I was charged twice this month.', 'Please send a corrected invoice.'],
	},
	{
		subject: 'Thank you!',
		lines: ['Great service, the support team was fast and friendly.', 'Delivery was quick and the product is excellent.', 'I will recommend you to my friends.'],
	},
];

/** Small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick<T>(random: () => number, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)];
}

/** The comment at position `index` of the corpus for `seed` (independent of other positions). */
export function sampleComment(index: number, seed = 1): NewComment {
	const random = prng(seed * 1_000_003 + index);
	const topic = pick(random, TOPICS);
	const name = pick(random, FIRST);
	const from = `${name.toLowerCase()}@${pick(random, DOMAINS)}`;
	const order = `A${(100000 + Math.floor(random() * 900000)).toString()}`;
	const day = new Date(Date.UTC(2024, 0, 1) + index * 37_000);
	const fill = (s: string) =>
		s
			.replace('{order}', order)
			.replace('{card}', String(1000 + Math.floor(random() * 9000)))
			.replace('{date}', day.toISOString().slice(0, 10))
			.replace('{amount}', `EUR ${(10 + random() * 490).toFixed(2)}`);
	const body = [`Hello,`, ...topic.lines.filter(() => random() < 0.8).map(fill), `Regards,\n${name}`].join('\n\n');
	return {
		id: (index + 1).toString(16).padStart(12, '0'),
		timestamp: day.toISOString(),
		messages: [{ from, to: ['support@shop.example'], sent_at: day.toISOString(), subject: { text: fill(topic.subject) }, body: { text: body } }],
		user_properties: { 'string:channel': pick(random, CHANNELS), 'number:order_value': Math.round(random() * 50_000) / 100 },
	};
}

/** `count` comments starting at `start`, generated lazily so a million never sit in memory. */
export function* sampleComments(count: number, seed = 1, start = 0): Generator<NewComment> {
	for (let i = start; i < start + count; i++) yield sampleComment(i, seed);
}

export const SAMPLE_CSV_COLUMNS = ['ticket_id', 'created', 'body', 'subject', 'sender', 'channel', 'order_value'];

/** How the sample CSV's columns map to re:infer comment fields. */
export const SAMPLE_CSV_MAPPING = {
	id: 'ticket_id',
	timestamp: 'created',
	text: 'body',
	subject: 'subject',
	from: 'sender',
	userProperties: { 'string:channel': 'channel', 'number:order_value': 'order_value' },
};

/** Writes `count` sample comments as CSV; rows whose index is in `invalidRows` get a bad timestamp. */
export async function writeSampleCsv(path: string, count: number, invalidRows: ReadonlySet<number> = new Set()): Promise<string[]> {
	const writer = await openResultWriter(path, 'csv', SAMPLE_CSV_COLUMNS, { escapeFormulas: false });
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
