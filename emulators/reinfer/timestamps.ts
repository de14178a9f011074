/**
 * ISO-8601 timestamps as re:infer writes them. Comment timestamps come back normalised to UTC
 * with microseconds (`2011-12-11T01:02:03.000000+00:00`); server-side times use the `Z` form
 * (`2018-10-16T10:43:56.463000Z`), both as in the doc's examples.
 */
const ISO_8601 =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export interface Instant {
	/** Milliseconds since the epoch (UTC). */
	epochMs: number;
	/** Microseconds beyond `epochMs`, 0..999. */
	extraMicros: number;
}

export function parseIsoTimestamp(text: string): Instant | undefined {
	const m = ISO_8601.exec(text);
	if (!m) return undefined;
	const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // e.g. 2011-02-30
	const micros = Number((m[7] ?? '').padEnd(6, '0').slice(0, 6));
	const offsetMinutes = parseOffsetMinutes(m[8]);
	if (offsetMinutes === undefined) return undefined;
	date.setUTCHours(hour, minute, second, Math.floor(micros / 1000));
	return { epochMs: date.getTime() - offsetMinutes * 60_000, extraMicros: micros % 1000 };
}

function parseOffsetMinutes(zone: string | undefined): number | undefined {
	if (zone === undefined || zone === 'Z' || zone === 'z') return 0; // no zone: UTC is assumed
	const digits = zone.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = Number(digits.slice(2) || 0);
	if (hours > 23 || minutes > 59) return undefined;
	return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** `2011-12-11T01:02:03.000000+00:00` */
export function formatUtcMicros(instant: Instant): string {
	return `${new Date(instant.epochMs).toISOString().slice(0, 23)}${String(instant.extraMicros).padStart(3, '0')}+00:00`;
}

/** `2018-10-16T10:43:56.463000Z` */
export function serverTime(date: Date = new Date()): string {
	return `${date.toISOString().slice(0, 23)}000Z`;
}

/** `2019-01-01 00:00 UTC`, the entity `formatted_value` form for dates. */
export function formatEntityDate(instant: Instant): string {
	const iso = new Date(instant.epochMs).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
