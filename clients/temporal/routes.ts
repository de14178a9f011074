import type { HttpMethod } from '../core';

/**
 * The Temporal HTTP API routes this client uses (grpc-gateway mappings of WorkflowService, see
 * temporal/api/workflowservice/v1/service.proto). Path parameters are `{name}`; the client
 * percent-encodes each value. Calls that carry a request id are deduplicated by the server, so
 * repeating them after a lost response is safe.
 */
const NS = '/api/v1/namespaces/{namespace}';

export const TEMPORAL_ROUTES = {
	describeNamespace: { method: 'GET', path: NS, idempotent: true },
	// USE_EXISTING + a fixed request id: a repeated start returns the same execution.
	startWorkflow: { method: 'POST', path: `${NS}/workflows/{workflowId}`, idempotent: true },
	describeWorkflow: { method: 'GET', path: `${NS}/workflows/{workflowId}`, idempotent: true },
	getHistory: { method: 'GET', path: `${NS}/workflows/{workflowId}/history`, idempotent: true },
	signalWorkflow: { method: 'POST', path: `${NS}/workflows/{workflowId}/signal/{signalName}`, idempotent: true },
	queryWorkflow: { method: 'POST', path: `${NS}/workflows/{workflowId}/query/{queryType}`, idempotent: true },
	cancelWorkflow: { method: 'POST', path: `${NS}/workflows/{workflowId}/cancel`, idempotent: true },
	terminateWorkflow: { method: 'POST', path: `${NS}/workflows/{workflowId}/terminate`, idempotent: false },
	listWorkflows: { method: 'GET', path: `${NS}/workflows`, idempotent: true },
	createSchedule: { method: 'POST', path: `${NS}/schedules/{scheduleId}`, idempotent: true },
	describeSchedule: { method: 'GET', path: `${NS}/schedules/{scheduleId}`, idempotent: true },
	// pause / unpause / trigger now, deduplicated by request id.
	patchSchedule: { method: 'POST', path: `${NS}/schedules/{scheduleId}/patch`, idempotent: true },
	deleteSchedule: { method: 'DELETE', path: `${NS}/schedules/{scheduleId}`, idempotent: true },
	listSchedules: { method: 'GET', path: `${NS}/schedules`, idempotent: true },
} as const satisfies Record<string, { method: HttpMethod; path: string; idempotent: boolean }>;

export type TemporalOperation = keyof typeof TEMPORAL_ROUTES;

/**
 * Canonical proto JSON instead of the API's default "payload shorthand": payloads travel as
 * `{ metadata, data }` with base64 values, which is what encryption needs and what is unambiguous.
 */
export const TEMPORAL_MEDIA_TYPE = 'application/json+no-payload-shorthand';
