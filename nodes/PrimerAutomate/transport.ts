import type { IAllExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { PrimerClient } from '../../clients/primer';
import { n8nSleep, n8nTransport } from '../shared/transport';

export const PRIMER_CREDENTIAL = 'primerAutomateApi';

type Context = Pick<IAllExecuteFunctions, 'helpers' | 'getCredentials'>;

interface PrimerCredentials {
	authentication?: 'login' | 'token';
	username?: string;
	password?: string;
	token?: string;
	accessToken?: string;
	baseUrl: string;
}

/** The HTTP status and body carried by an error n8n raised (e.g. the SSO refusing the login). */
function statusOf(error: unknown): { status: number; body: unknown } | undefined {
	const e = error as { httpCode?: unknown; response?: { status?: unknown; data?: unknown }; cause?: { response?: { status?: unknown; data?: unknown } }; description?: unknown; message?: unknown };
	const status = Number(e?.httpCode ?? e?.response?.status ?? e?.cause?.response?.status);
	if (!Number.isInteger(status) || status < 100) return undefined;
	return { status, body: e?.response?.data ?? e?.cause?.response?.data ?? { message: e?.description || e?.message } };
}

/**
 * While statuses are handed back to the client (`ignoreHttpStatusErrors`), n8n can still throw one:
 * when the credential's login (preAuthentication) is refused. Hand that back as the response it
 * was, so the client reports "HTTP 401: Invalid username or password" instead of retrying it as a
 * lost connection.
 */
function loginFailuresAsResponses(context: Context): Context {
	const original = context.helpers.httpRequestWithAuthentication;
	const httpRequestWithAuthentication = async (type: string, options: IHttpRequestOptions) =>
		await original.call(context as never, type, options).catch((error: unknown) => {
			const failure = statusOf(error);
			if (!failure || !options.ignoreHttpStatusErrors) return Promise.reject(error);
			return { statusCode: failure.status, headers: {}, body: failure.body };
		});
	return { ...context, helpers: { ...context.helpers, httpRequestWithAuthentication } as Context['helpers'] };
}

/**
 * The shared Primer Automate client, sending through n8n's authenticated HTTP helper: the
 * credential logs in (preAuthentication) and adds "Authorization: JWT <token>". A 401 is re-sent
 * through n8n's own path, which logs in again when the token has expired.
 */
export async function createPrimerClient(context: Context): Promise<PrimerClient> {
	const credentials = await context.getCredentials<PrimerCredentials>(PRIMER_CREDENTIAL);
	const loginBased = credentials.authentication !== 'token';
	return new PrimerClient({
		baseUrl: credentials.baseUrl,
		transport: n8nTransport(loginFailuresAsResponses(context), PRIMER_CREDENTIAL, { reauthenticateOn401: loginBased }),
		sleep: n8nSleep,
		secrets: [credentials.password, credentials.token, credentials.accessToken].filter((s): s is string => typeof s === 'string' && s !== ''),
	});
}
