import type { IAllExecuteFunctions } from 'n8n-workflow';
import { LuminosoClient } from '../../clients/luminoso';
import { n8nSleep, n8nTransport } from '../shared/transport';

export const LUMINOSO_CREDENTIAL = 'luminosoCompassApi';

type Context = Pick<IAllExecuteFunctions, 'helpers' | 'getCredentials'>;

interface LuminosoCredentials {
	url: string;
	authentication?: 'login' | 'token';
	username?: string;
	password?: string;
	apiToken?: string;
	sessionToken?: string;
}

/**
 * The shared Compass client, sending through n8n's authenticated HTTP helper: the credential logs
 * in (preAuthentication) and adds "Authorization: Token <token>". A 401 is re-sent through n8n's
 * own path, which logs in again when the token has expired (tokens last two weeks).
 */
export async function createLuminosoClient(context: Context): Promise<LuminosoClient> {
	const credentials = await context.getCredentials<LuminosoCredentials>(LUMINOSO_CREDENTIAL);
	return new LuminosoClient({
		baseUrl: String(credentials.url ?? '').trim(),
		transport: n8nTransport(context, LUMINOSO_CREDENTIAL, { reauthenticateOn401: credentials.authentication !== 'token' }),
		sleep: n8nSleep,
		secrets: [credentials.password, credentials.apiToken, credentials.sessionToken].filter((s): s is string => typeof s === 'string' && s !== ''),
	});
}
