import type { IAllExecuteFunctions, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { lowerCaseHeaders, NetworkError, type HttpRequest, type HttpResponse, type Sleep, type Transport } from '../../clients/core';

type Context = Pick<IAllExecuteFunctions, 'helpers'>;

/**
 * The shared clients' transport inside n8n: every request goes through
 * `httpRequestWithAuthentication`, so n8n applies the credential (and its preAuthentication
 * login for token-exchange credentials). HTTP statuses are handed back to the client layer,
 * which owns retries and error typing; only a missing response rejects.
 */
export function n8nTransport(context: Context, credentialType: string): Transport {
	return async <T>(request: HttpRequest): Promise<HttpResponse<T>> => {
		const isBytes = request.body instanceof Uint8Array;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: request.headers,
			body: request.body as IDataObject | Buffer | undefined,
			json: !isBytes && request.responseType !== 'arraybuffer' && request.responseType !== 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs,
		};
		if (request.responseType === 'arraybuffer') options.encoding = 'arraybuffer';
		if (request.responseType === 'text') options.encoding = 'text';
		if (request.responseType === 'stream') options.encoding = 'stream';
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(context as never, credentialType, options)) as {
				statusCode: number;
				headers: Record<string, unknown>;
				body: T;
			};
			return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: response.body };
		} catch (error) {
			// No response: the client layer decides whether to retry and how to report it.
			throw NetworkError.fromCause(error);
		}
	};
}

export const n8nSleep: Sleep = async (ms) => await sleep(ms);
