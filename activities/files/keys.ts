/**
 * Row objects are built from untrusted header cells / JSON keys. These keys are never copied into
 * an object: `__proto__` would replace the object's prototype on assignment, and `constructor` /
 * `prototype` shadow what downstream code may rely on.
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isUnsafeKey(key: string): boolean {
	return UNSAFE_KEYS.has(key);
}

/**
 * Turns header cells into row keys, one per column: trimmed text, `undefined` for columns that are
 * dropped (empty or unsafe header). A repeated header gets a suffix: `name`, `name_2`, `name_3`.
 */
export function headerKeys(cells: readonly unknown[]): Array<string | undefined> {
	const seen = new Set<string>();
	return cells.map((cell) => {
		const base = cell === undefined || cell === null ? '' : String(cell).trim();
		if (base === '' || isUnsafeKey(base)) return undefined;
		let key = base;
		for (let n = 2; seen.has(key); n++) key = `${base}_${n}`;
		seen.add(key);
		return key;
	});
}

/** A plain object from parallel keys and values; dropped (`undefined`) keys are skipped. */
export function toRecord(keys: ReadonlyArray<string | undefined>, values: readonly unknown[]): Record<string, unknown> {
	const record: Record<string, unknown> = {};
	for (let i = 0; i < keys.length; i++) {
		const key = keys[i];
		if (key !== undefined) record[key] = values[i];
	}
	return record;
}

/**
 * Top-level keys of a parsed JSON object, minus unsafe ones. `JSON.parse` creates `__proto__` as an
 * own property (no pollution), but spreading or `Object.assign` of such an object would not, so the
 * rows handed out never carry these keys. Returns the same object when nothing needs removing.
 */
export function withoutUnsafeKeys(value: Record<string, unknown>): Record<string, unknown> {
	if (!Object.hasOwn(value, '__proto__') && !Object.hasOwn(value, 'constructor') && !Object.hasOwn(value, 'prototype')) return value;
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value)) if (!isUnsafeKey(key)) copy[key] = value[key];
	return copy;
}

/** A row that could not be parsed: `{ __error: message }` and nothing else. */
export function errorRow(message: string): Record<string, unknown> {
	return { __error: message };
}

/** The parse error carried by a row from {@link errorRow}, if it is one. */
export function rowError(values: Record<string, unknown>): string | undefined {
	const error = values.__error;
	return typeof error === 'string' && Object.keys(values).length === 1 ? error : undefined;
}
