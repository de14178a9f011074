/**
 * CSV cell formatting for result files (RFC 4180).
 *
 * Formula injection: a spreadsheet opening the CSV would evaluate a text cell starting with
 * `=`, `+`, `-` or `@` as a formula (and tab / CR can start one too), so such text cells are
 * prefixed with a single quote `'` — the OWASP "CSV injection" mitigation. Only text values are
 * escaped: a number like -5 stays a number, but the text "-5" becomes "'-5". Readers of the file
 * that need the exact text must strip a leading `'` before those characters.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes text that a spreadsheet would treat as a formula with `'`. */
export function escapeFormula(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV field: null/undefined -> empty; strings as-is (formula-escaped when `escapeFormulas`);
 * numbers/booleans/bigints as text; Dates as ISO; arrays/objects JSON-encoded. Quoted (quotes
 * doubled) when it contains the delimiter, a quote, CR or LF.
 */
export function formatCsvField(value: unknown, delimiter = ',', escapeFormulas = true): string {
	let text: string;
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') text = escapeFormulas ? escapeFormula(value) : value;
	else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
	else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString();
	else text = JSON.stringify(value) ?? '';
	const quote = text.includes('"') || text.includes('\n') || text.includes('\r') || text.includes(delimiter);
	return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function formatCsvRecord(values: readonly unknown[], delimiter = ',', escapeFormulas = true): string {
	return values.map((value) => formatCsvField(value, delimiter, escapeFormulas)).join(delimiter) + '\r\n';
}
