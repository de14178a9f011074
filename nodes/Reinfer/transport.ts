import type { IAllExecuteFunctions } from 'n8n-workflow';
import { ReinferClient } from '../../clients/reinfer';
import { n8nSleep, n8nTransport } from '../shared/transport';

export const REINFER_CREDENTIAL = 'reinferApi';

type Context = Pick<IAllExecuteFunctions, 'helpers' | 'getCredentials' | 'getNode'>;

/**
 * The shared re:infer client, sending through n8n's authenticated HTTP helper. The credential is a
 * static token: it is read once here and handed to n8n with each request (a 10,000-item sync
 * sends 10 requests, and n8n would otherwise load and decrypt it from its database for each).
 */
export async function createReinferClient(context: Context): Promise<ReinferClient> {
	const credentials = await context.getCredentials<{ token: string; baseUrl: string }>(REINFER_CREDENTIAL);
	const stored = context.getNode().credentials?.[REINFER_CREDENTIAL];
	return new ReinferClient({
		baseUrl: credentials.baseUrl,
		transport: n8nTransport(context, REINFER_CREDENTIAL, {
			credentials: { id: stored?.id ?? '', name: stored?.name ?? '', type: REINFER_CREDENTIAL, data: { ...credentials } },
		}),
		sleep: n8nSleep,
		secrets: [credentials.token],
	});
}
