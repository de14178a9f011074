import type { HttpMethod } from '../core';

/**
 * Every Primer Automate operation in one table: method, path template (relative to the API base
 * URL, e.g. `https://auto.primer.ai/api/v1alpha/automate`) and retry semantics. Path parameters
 * are `{name}`; the client percent-encodes each value. The SSO login is relative to the SSO base
 * URL (`https://sso.primer.ai`).
 */
export const PRIMER_ROUTES = {
	login: { method: 'POST', path: '/api/v1/auth/login', idempotent: true },
	listDatasets: { method: 'GET', path: '/datasets/', idempotent: true },
	// Creates a new entry each time: never repeated after a 5xx or a dropped connection.
	createDataset: { method: 'PUT', path: '/datasets/', idempotent: false },
	uploadDataset: { method: 'POST', path: '/datasets:upload', idempotent: false },
	// Adds rows: repeating a request would add them twice.
	appendDataset: { method: 'PATCH', path: '/datasets:upload', idempotent: false },
	downloadLabels: { method: 'GET', path: '/labels:download', idempotent: true },
	// Deploys the latest version; asking again while it deploys changes nothing.
	deployModel: { method: 'POST', path: '/models/{model_id}/deployment', idempotent: true },
	// A pure read of the model.
	predict: { method: 'POST', path: '/models/{model_id}/predictions', idempotent: true },
	// Each call starts a prediction job: only repeated after a 429 or when it never left this machine.
	requestBulkPredictions: { method: 'POST', path: '/models/predictions', idempotent: false },
	getPredictionStatus: { method: 'GET', path: '/models/predictions/{request_predictions_id}/status', idempotent: true },
	downloadPredictions: { method: 'GET', path: '/predictions/', idempotent: true },
} as const satisfies Record<string, { method: HttpMethod; path: string; idempotent: boolean }>;

export type PrimerOperation = keyof typeof PRIMER_ROUTES;

export const PRIMER_DEFAULT_BASE_URL = 'https://auto.primer.ai/api/v1alpha/automate';
export const PRIMER_DEFAULT_SSO_URL = 'https://sso.primer.ai';
