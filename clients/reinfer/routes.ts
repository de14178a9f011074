import type { HttpMethod } from '../core';

/**
 * Every re:infer operation in one table: method, path template and retry semantics.
 * Path parameters are `{name}`; the client percent-encodes each value.
 */
export const REINFER_ROUTES = {
	listSources: { method: 'GET', path: '/api/v1/sources', idempotent: true },
	listSourcesByOwner: { method: 'GET', path: '/api/v1/sources/{owner}', idempotent: true },
	getSource: { method: 'GET', path: '/api/v1/sources/{owner}/{name}', idempotent: true },
	getSourceById: { method: 'GET', path: '/api/v1/sources/id:{id}', idempotent: true },
	createSource: { method: 'PUT', path: '/api/v1/sources/{owner}/{name}', idempotent: false },
	updateSource: { method: 'POST', path: '/api/v1/sources/{owner}/{name}', idempotent: true },
	deleteSourceById: { method: 'DELETE', path: '/api/v1/sources/id:{id}', idempotent: true },
	listDatasets: { method: 'GET', path: '/api/v1/datasets', idempotent: true },
	listDatasetsByOwner: { method: 'GET', path: '/api/v1/datasets/{owner}', idempotent: true },
	getDataset: { method: 'GET', path: '/api/v1/datasets/{owner}/{name}', idempotent: true },
	createDataset: { method: 'PUT', path: '/api/v1/datasets/{owner}/{name}', idempotent: false },
	updateDataset: { method: 'POST', path: '/api/v1/datasets/{owner}/{name}', idempotent: true },
	deleteDataset: { method: 'DELETE', path: '/api/v1/datasets/{owner}/{name}', idempotent: true },
	getComment: { method: 'GET', path: '/api/v1/sources/{owner}/{source}/comments/{id}', idempotent: true },
	// Upsert keyed by comment id: repeating a batch yields the same state ("unchanged").
	syncComments: { method: 'POST', path: '/api/v1/sources/{owner}/{source}/sync', idempotent: true },
	// Predictions are pure reads of the model.
	predict: { method: 'POST', path: '/api/v1/datasets/{owner}/{dataset}/labellers/{version}/predict', idempotent: true },
	predictComments: { method: 'POST', path: '/api/v1/datasets/{owner}/{dataset}/labellers/{version}/predict-comments', idempotent: true },
	// fetch and advance drive a cursor: they are only repeated when the server refused the call (429)
	// or it never left this machine; anything else is surfaced so the caller decides.
	fetchTrigger: { method: 'POST', path: '/api/v1/datasets/{owner}/{dataset}/triggers/{trigger}/fetch', idempotent: false },
	advanceTrigger: { method: 'POST', path: '/api/v1/datasets/{owner}/{dataset}/triggers/{trigger}/advance', idempotent: false },
} as const satisfies Record<string, { method: HttpMethod; path: string; idempotent: boolean }>;

export type ReinferOperation = keyof typeof REINFER_ROUTES;
