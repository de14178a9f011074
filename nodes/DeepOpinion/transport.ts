import type { IAllExecuteFunctions } from 'n8n-workflow';
import { DeepOpinionClient } from '../../clients/deepopinion';
import { n8nSleep, n8nTransport } from '../shared/transport';

export const DEEPOPINION_CREDENTIAL = 'deepOpinionApi';

type Context = Pick<IAllExecuteFunctions, 'helpers' | 'getCredentials'>;

/**
 * The shared DeepOpinion client, sending through n8n's authenticated HTTP helper. The credential
 * logs in (preAuthentication) and n8n logs in again after a 401, so the client carries no token.
 */
export async function createDeepOpinionClient(context: Context): Promise<DeepOpinionClient> {
	const credentials = await context.getCredentials<{ baseUrl: string; password?: string; token?: string; authToken?: string }>(DEEPOPINION_CREDENTIAL);
	return new DeepOpinionClient({
		baseUrl: credentials.baseUrl,
		transport: n8nTransport(context, DEEPOPINION_CREDENTIAL, { reauthenticateOn401: true }),
		sleep: n8nSleep,
		secrets: [credentials.password ?? '', credentials.token ?? '', credentials.authToken ?? ''].filter(Boolean),
	});
}
