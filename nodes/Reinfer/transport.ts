import type { IAllExecuteFunctions } from 'n8n-workflow';
import { ReinferClient } from '../../clients/reinfer';
import { n8nSleep, n8nTransport } from '../shared/transport';

export const REINFER_CREDENTIAL = 'reinferApi';

type Context = Pick<IAllExecuteFunctions, 'helpers' | 'getCredentials'>;

/** The shared re:infer client, sending through n8n's authenticated HTTP helper. */
export async function createReinferClient(context: Context): Promise<ReinferClient> {
	const credentials = await context.getCredentials<{ token: string; baseUrl: string }>(REINFER_CREDENTIAL);
	return new ReinferClient({
		baseUrl: credentials.baseUrl,
		transport: n8nTransport(context, REINFER_CREDENTIAL),
		sleep: n8nSleep,
		secrets: [credentials.token],
	});
}
