import type { HttpRequest, Transport } from '../../clients/core';

/**
 * One bad-input case: a call that must be refused before any request leaves, with an error
 * whose message names the item (when the input is a list) and the field.
 */
export interface BadInputCase {
	platform: string;
	name: string;
	call: (transport: Transport) => Promise<unknown>;
	/** Substrings the error message must contain, e.g. 'Item 2', 'field "id"'. */
	mentions: string[];
}

/** A transport that records requests: every case asserts it was never called. */
export function recordingTransport(): { transport: Transport; requests: HttpRequest[] } {
	const requests: HttpRequest[] = [];
	const transport: Transport = async <T>(request: HttpRequest) => {
		requests.push(request);
		return { status: 200, headers: {}, body: {} as T };
	};
	return { transport, requests };
}

export const noSleep = async (): Promise<void> => undefined;
