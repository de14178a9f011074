import { badRequest } from './errors';

/**
 * Small helpers for validating JSON input with precise 400 messages that name the offending
 * field, e.g. `comments[2].messages[0].body.text: expected a string`.
 */
export type JsonObject = Record<string, unknown>;

export function fieldPath(parent: string, key: string | number): string {
	if (typeof key === 'number') return `${parent}[${key}]`;
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
	return parent ? `${parent}.${key}` : key;
}

export function invalid(path: string, problem: string): Error {
	return badRequest(path ? `${path}: ${problem}` : problem);
}

export function typeName(value: unknown): string {
	if (value === null) return 'null';
	return Array.isArray(value) ? 'array' : typeof value;
}

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, path: string): JsonObject {
	if (!isObject(value)) throw invalid(path, `expected an object, got ${typeName(value)}`);
	return value;
}

export function expectArray(value: unknown, path: string): unknown[] {
	if (!Array.isArray(value)) throw invalid(path, `expected an array, got ${typeName(value)}`);
	return value;
}

export function expectString(value: unknown, path: string): string {
	if (typeof value !== 'string') throw invalid(path, `expected a string, got ${typeName(value)}`);
	return value;
}

export function expectNumber(value: unknown, path: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(path, `expected a number, got ${typeName(value)}`);
	return value;
}

export function expectBoolean(value: unknown, path: string): boolean {
	if (typeof value !== 'boolean') throw invalid(path, `expected a boolean, got ${typeName(value)}`);
	return value;
}

export function expectStringArray(value: unknown, path: string): string[] {
	return expectArray(value, path).map((item, i) => expectString(item, fieldPath(path, i)));
}

export function required<T>(obj: JsonObject, key: string, path: string, check: (v: unknown, p: string) => T): T {
	const p = fieldPath(path, key);
	if (obj[key] === undefined) throw invalid(p, 'required field is missing');
	return check(obj[key], p);
}

export function optional<T>(obj: JsonObject, key: string, path: string, check: (v: unknown, p: string) => T): T | undefined {
	return obj[key] === undefined ? undefined : check(obj[key], fieldPath(path, key));
}

export function rejectUnknownFields(obj: JsonObject, allowed: readonly string[], path: string): void {
	for (const key of Object.keys(obj)) {
		if (!allowed.includes(key)) throw invalid(fieldPath(path, key), `unknown field (allowed: ${allowed.join(', ')})`);
	}
}

export function expectNumberInRange(value: unknown, path: string, min: number, max: number): number {
	const n = expectNumber(value, path);
	if (n < min || n > max) throw invalid(path, `must be between ${min} and ${max}, got ${n}`);
	return n;
}

export function expectIntegerInRange(value: unknown, path: string, min: number, max: number): number {
	const n = expectNumberInRange(value, path, min, max);
	if (!Number.isInteger(n)) throw invalid(path, `must be an integer, got ${n}`);
	return n;
}
