import type { Message } from './comments';
import { formatEntityDate, parseIsoTimestamp } from './timestamps';

/**
 * Deterministic entity extraction standing in for the model's: e-mail addresses, money amounts
 * and ISO dates (optionally with a time). Span offsets are indices into the JavaScript string,
 * i.e. UTF-16 code units, which is what `utf16_byte_start`/`utf16_byte_end` mean for clients
 * slicing the text (`text.slice(start, end)`).
 */
export interface EntitySpan {
	content_part: 'body' | 'subject';
	message_index: number;
	utf16_byte_start: number;
	utf16_byte_end: number;
}

export interface Entity {
	kind: string;
	formatted_value: string;
	span: EntitySpan;
}

interface Extractor {
	kind: string;
	pattern: RegExp;
	format(match: RegExpExecArray): string | undefined;
}

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };

function formatMoney(code: string, amount: string): string {
	return `${code} ${Number(amount.replace(/,/g, '')).toFixed(2)}`;
}

const EXTRACTORS: readonly Extractor[] = [
	{
		kind: 'email',
		pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
		format: (m) => m[0].toLowerCase(),
	},
	{
		kind: 'money',
		pattern: /([$€£])\s?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)|\b(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s?(USD|EUR|GBP)\b/g,
		format: (m) => (m[1] ? formatMoney(CURRENCY_SYMBOLS[m[1]], m[2]) : formatMoney(m[4], m[3])),
	},
	{
		kind: 'date',
		pattern: /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w:])/g,
		format: (m) => {
			const instant = parseIsoTimestamp(m[0]);
			return instant && formatEntityDate(instant);
		},
	},
];

function extractFromText(text: string, part: EntitySpan['content_part'], messageIndex: number): Entity[] {
	const found: Entity[] = [];
	for (const { kind, pattern, format } of EXTRACTORS) {
		for (const m of text.matchAll(pattern)) {
			const formatted = format(m);
			if (formatted === undefined) continue;
			const start = m.index ?? 0;
			found.push({
				kind,
				formatted_value: formatted,
				span: { content_part: part, message_index: messageIndex, utf16_byte_start: start, utf16_byte_end: start + m[0].length },
			});
		}
	}
	found.sort((a, b) => a.span.utf16_byte_start - b.span.utf16_byte_start);
	// Earlier extractors win overlaps (an e-mail address is not also a date or an amount).
	return found.filter((e, i) => !found.some((o, j) => j !== i && overlaps(o, e) && precedes(o, e)));
}

function overlaps(a: Entity, b: Entity): boolean {
	return a.span.utf16_byte_start < b.span.utf16_byte_end && b.span.utf16_byte_start < a.span.utf16_byte_end;
}

function precedes(a: Entity, b: Entity): boolean {
	const rank = (e: Entity) => EXTRACTORS.findIndex((x) => x.kind === e.kind);
	return rank(a) < rank(b) || (rank(a) === rank(b) && a.span.utf16_byte_start < b.span.utf16_byte_start);
}

/** Entities of a document, message by message, subject before body, in text order. */
export function extractEntities(messages: readonly Message[]): Entity[] {
	return messages.flatMap((message, index) => [
		...(message.subject ? extractFromText(message.subject.text, 'subject', index) : []),
		...extractFromText(message.body.text, 'body', index),
	]);
}
