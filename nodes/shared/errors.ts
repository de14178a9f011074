import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ApiError, formatIssue, NetworkError, ValidationError } from '../../clients/core';

/** Turns a client-layer error into the n8n error type users expect, keeping the item index. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof ValidationError) {
		return new NodeOperationError(node, error.message, {
			itemIndex: itemIndex ?? error.itemIndex,
			description: error.issues.map(formatIssue).join('\n'),
		});
	}
	if (error instanceof ApiError) {
		return new NodeApiError(node, { message: error.message, body: error.body } as unknown as JsonObject, {
			itemIndex,
			message: error.message,
			description: typeof error.body === 'string' ? error.body : JSON.stringify(error.body),
			httpCode: String(error.status),
		});
	}
	if (error instanceof NetworkError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: `Gave up after ${error.attempts} attempt(s).` });
	}
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex });
}

/**
 * The JSON of an item that failed under continueOnFail. Exactly `{ error }`, as n8n's own nodes do:
 * n8n routes such items to the error output when "Continue (using error output)" is chosen.
 */
export function errorJson(error: NodeApiError | NodeOperationError): JsonObject {
	return { error: error.message };
}
