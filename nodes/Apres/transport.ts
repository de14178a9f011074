import type { IAllExecuteFunctions } from 'n8n-workflow';
import { ApresClient } from '../../clients/apres';
import { n8nSleep, n8nTransport } from '../shared/transport';

export const APRES_CREDENTIAL = 'apresApi';

type Context = Pick<IAllExecuteFunctions, 'helpers' | 'getCredentials'>;

/** The shared Apres client, sending through n8n's authenticated HTTP helper. */
export async function createApresClient(context: Context): Promise<ApresClient> {
	const credentials = await context.getCredentials<{ apiKey: string; baseUrl: string }>(APRES_CREDENTIAL);
	return new ApresClient({
		baseUrl: credentials.baseUrl,
		transport: n8nTransport(context, APRES_CREDENTIAL),
		sleep: n8nSleep,
		secrets: [credentials.apiKey],
	});
}
