import type { IAdditionalCredentialOptions, IAllExecuteFunctions, ICredentialsDecrypted, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { isByteSource, lowerCaseHeaders, NetworkError, readByteSource, type HttpRequest, type HttpResponse, type Sleep, type Transport } from '../../clients/core';

type Context = Pick<IAllExecuteFunctions, 'helpers'>;

export interface N8nTransportOptions {
	/**
	 * For credentials with `preAuthentication` (login-token APIs): after a 401 the request is sent
	 * once more through n8n's own error path, where n8n logs in again (expired token) and retries.
	 */
	reauthenticateOn401?: boolean;
	/**
	 * The node's credential, already read with `getCredentials`: handed to n8n with every request
	 * (`credentialsDecrypted`), so n8n applies it without loading and decrypting it from its
	 * database again for each request. For static credentials (an API token), whose data does
	 * not change during an execution.
	 */
	credentials?: ICredentialsDecrypted;
}

/**
 * The shared clients' transport inside n8n: every request goes through
 * `httpRequestWithAuthentication`, so n8n applies the credential (and its preAuthentication
 * login for token-exchange credentials). HTTP statuses are handed back to the client layer,
 * which owns retries and error typing; only a missing response rejects.
 */
export function n8nTransport(context: Context, credentialType: string, transportOptions: N8nTransportOptions = {}): Transport {
	const credentialOptions: IAdditionalCredentialOptions | undefined = transportOptions.credentials ? { credentialsDecrypted: transportOptions.credentials } : undefined;
	return async <T>(request: HttpRequest): Promise<HttpResponse<T>> => {
		// n8n's helper takes no stream body (its options type allows none): a ByteSource is read into
		// one buffer here, as n8n holds binary data in memory anyway. Read once, it also serves the 401 resend.
		const body = isByteSource(request.body) ? await readByteSource(request.body) : request.body;
		const isBytes = body instanceof Uint8Array;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: request.headers,
			body: body as IDataObject | Buffer | undefined,
			json: !isBytes && request.responseType !== 'arraybuffer' && request.responseType !== 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs,
		};
		if (request.responseType === 'arraybuffer') options.encoding = 'arraybuffer';
		if (request.responseType === 'text') options.encoding = 'text';
		if (request.responseType === 'stream') options.encoding = 'stream';
		const send = async (ignoreHttpStatusErrors: boolean) => {
			try {
				const response = (await context.helpers.httpRequestWithAuthentication.call(context as never, credentialType, { ...options, ignoreHttpStatusErrors }, credentialOptions)) as FullResponse<T>;
				return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: response.body };
			} catch (error) {
				const status = httpStatusOf(error);
				if (!ignoreHttpStatusErrors && status) return { status, headers: {}, body: errorBodyOf(error) as T };
				// No response: the client layer decides whether to retry and how to report it.
				throw NetworkError.fromCause(error);
			}
		};
		const response = await send(true);
		if (response.status === 401 && transportOptions.reauthenticateOn401) return send(false);
		return response;
	};
}

interface FullResponse<T> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
}

/** The HTTP status of an error n8n raised for a response (NodeApiError or the axios error inside). */
function httpStatusOf(error: unknown): number | undefined {
	const e = error as { httpCode?: unknown; response?: { status?: unknown }; cause?: { response?: { status?: unknown } } };
	const status = Number(e?.httpCode ?? e?.response?.status ?? e?.cause?.response?.status);
	return Number.isInteger(status) && status >= 100 ? status : undefined;
}

function errorBodyOf(error: unknown): unknown {
	const e = error as { response?: { data?: unknown }; cause?: { response?: { data?: unknown } }; description?: unknown; message?: unknown };
	return e?.response?.data ?? e?.cause?.response?.data ?? { message: e?.description ?? e?.message };
}

export const n8nSleep: Sleep = async (ms) => await sleep(ms);
