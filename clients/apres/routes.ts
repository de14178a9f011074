import type { HttpMethod } from '../core';

/**
 * Every Apres operation in one table: method, path template (relative to the base URL, which
 * ends in `/api/v1`) and retry semantics. Path parameters are `{name}`; the client percent-encodes
 * each value. Creating a task batch and loading a processed batch are not idempotent (a repeat
 * would create a second batch or load the rows twice), so they are only repeated after a 429 or
 * when the request certainly never left this machine.
 */
export const APRES_ROUTES = {
	getRecipe: { method: 'GET', path: '/recipe', idempotent: true },
	loadBatch: { method: 'POST', path: '/recipe/load_batch', idempotent: false },
	createTaskBatch: { method: 'POST', path: '/task_batches', idempotent: false },
	listTaskBatches: { method: 'GET', path: '/task_batches', idempotent: true },
	getTaskBatch: { method: 'GET', path: '/task_batches/{id}', idempotent: true },
	getTaskBatchOutput: { method: 'GET', path: '/task_batches/{id}/output', idempotent: true },
	listTasks: { method: 'GET', path: '/task_batches/{id}/tasks', idempotent: true },
} as const satisfies Record<string, { method: HttpMethod; path: string; idempotent: boolean }>;

export type ApresOperation = keyof typeof APRES_ROUTES;
