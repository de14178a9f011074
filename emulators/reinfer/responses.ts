/** re:infer's envelope: successes carry `"status": "ok"`, errors `"status": "error"` and a message. */
export function ok<T extends object>(fields: T): { status: 'ok' } & T {
	return { status: 'ok', ...fields };
}

export function errorBody(_status: number, message: string): { status: 'error'; message: string } {
	return { status: 'error', message };
}
