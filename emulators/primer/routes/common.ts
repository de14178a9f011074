import { HttpError, reply, statusLine, type Reply, type RequestContext } from '../../core';
import type { PrimerStore, PrimerUser } from '../store';

export const API_PREFIX = '/api/v1alpha/automate';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

/** flask-restx's validation error body. */
export function validationFailed(errors: Record<string, string>): Reply {
	return reply(400, { message: 'Input payload validation failed', errors });
}

/** A required uuid query/body value: 400 naming it when missing or malformed. */
export function uuidParam(value: unknown, name: string): string {
	if (value === undefined || value === null || value === '') throw new HttpError(400, `${name} is required`);
	if (!isUuid(value)) throw new HttpError(400, `${name} must be a UUID, got ${JSON.stringify(value)}`);
	return value.toLowerCase();
}

/** The calling user (tokens from the login carry their user; pre-issued tokens act as the first user). */
export function caller(ctx: RequestContext, store: PrimerStore): PrimerUser | undefined {
	return store.user(ctx.principal ?? '') ?? store.users[0];
}

/** Applies one-shot "after commit" faults: the request took effect, yet the client sees an error. */
export function afterCommit(store: PrimerStore, ctx: RequestContext): void {
	const fault = store.afterCommit.find((f) => f.remaining > 0 && f.method === ctx.method && ctx.path.includes(f.path));
	if (!fault) return;
	fault.remaining--;
	throw new HttpError(fault.status, statusLine(fault.status, 'injected after the request was applied'));
}
