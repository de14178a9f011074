import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../../emulators/deepopinion';
import { EXTRACTION_FILES, loginClient } from '../clients/deepopinionFixtures';
import { byId, byList, loginCredentials } from './deepopinionWorkflow';
import { startWebhookTrigger, type ActiveTrigger } from './deepopinionWebhookHarness';

let emulator: DeepOpinionEmulator;
let projectId: number;
let hitlId: number;
let trigger: ActiveTrigger;
const ORIGINAL = 'https://example.com/original-hook';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hitlUrl = () => emulator.deepopinion.store.hitls.get(hitlId)!.webhook_url;

beforeAll(async () => {
	emulator = await startDeepOpinionEmulator();
	const client = loginClient(emulator.url);
	projectId = (await client.createProject({ name: 'Trigger invoices', type: 'LABEL' })).id;
	hitlId = (await client.createHitl(projectId, { name: 'Desk', model_id: 1, is_live: true, webhook_url: ORIGINAL })).id;
	emulator.deepopinion.store.hitls.get(hitlId)!.labels = { 'First name': 100, 'Last name': 100, 'Invoice number': 100, Total: 100 };
	trigger = await startWebhookTrigger({
		node: {
			name: 'DeepOpinion Trigger',
			type: 'n8n-nodes-textai.deepOpinionTrigger',
			webhookId: '5c7d2f10-0000-4000-8000-000000000001',
			parameters: { project: byId(projectId), hitl: byList(hitlId), includeReviews: true },
			credentials: { deepOpinionApi: { id: '1', name: 'DeepOpinion emulator' } },
		},
		credentials: loginCredentials(emulator.url),
	});
});
afterAll(async () => {
	await trigger?.close();
	await emulator.close();
});

describe('DeepOpinion Trigger (webhook) lifecycle and events', () => {
	test('activation registers the n8n URL (with a secret token) as the HITL webhook_url', async () => {
		expect(await trigger.checkExists()).toBe(false);
		await trigger.activate();
		const registered = hitlUrl()!;
		expect(registered.startsWith(`${trigger.webhookUrl}?token=`)).toBe(true);
		expect(registered).toMatch(/\?token=[0-9a-f]{48}$/);
		expect(await trigger.checkExists()).toBe(true);
		// n8n re-activating an active workflow finds the webhook and does not register again.
		await trigger.activate();
		expect(hitlUrl()).toBe(registered);
		expect(trigger.staticData()).toMatchObject({ 'node:DeepOpinion Trigger': { previousWebhookUrl: ORIGINAL, hitlId, projectId, token: expect.stringMatching(/^[0-9a-f]{48}$/) } });
	});

	test('a completed review reaches the workflow with the review data; forged and replayed calls start nothing', async () => {
		const client = loginClient(emulator.url);
		const extracted = await client.extract(1, projectId, 1, EXTRACTION_FILES.png());
		const documentId = extracted.documents[0].document_id!;
		expect(extracted.documents[0].hitl?.status).toBe('pending');
		emulator.deepopinion.completeReviews({ document_id: documentId, values: { Total: '42.00' } });
		for (let i = 0; i < 100 && trigger.calls.length === 0; i++) await sleep(20);
		expect(trigger.calls).toHaveLength(1);
		const [call] = trigger.calls;
		expect(call.status).toBe(200);
		expect(call.items).toHaveLength(1);
		const item = call.items![0].json as Record<string, any>;
		expect(item).toMatchObject({ event: 'hitl.review.completed', hitl_id: hitlId, document_id: documentId, status: 'COMPLETED', received_at: expect.any(String) });
		expect(item.reviews).toHaveLength(4);
		expect(item.reviews.find((r: { label: string }) => r.label === 'Total')).toMatchObject({ status: 'COMPLETED', data: { reviewed_value: '42.00' } });
		const delivery = emulator.deepopinion.deliveries()[0];
		expect(delivery).toMatchObject({ url: hitlUrl(), status: 200 });

		const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		expect((await post(trigger.webhookUrl, delivery.body)).status).toBe(401); // no token
		expect((await post(`${trigger.webhookUrl}?token=${'0'.repeat(48)}`, delivery.body)).status).toBe(401); // forged token
		expect((await post(delivery.url, { ...delivery.body, delivery_id: 'other', hitl_id: hitlId + 5 })).status).toBe(409); // another HITL
		expect((await post(delivery.url, { hello: 'world' })).status).toBe(400);
		const replay = await post(delivery.url, delivery.body);
		expect(replay.status).toBe(409);
		expect(await replay.json()).toEqual({ error: `delivery ${delivery.body.delivery_id} was already received` });
		expect(trigger.calls.filter((c) => c.items !== null)).toHaveLength(1);
	});

	test('deactivation gives the HITL its previous webhook_url back, unless someone else has changed it since', async () => {
		await trigger.deactivate();
		expect(hitlUrl()).toBe(ORIGINAL);
		expect(await trigger.checkExists()).toBe(false);
		expect(trigger.staticData()).toEqual({ 'node:DeepOpinion Trigger': {} });
		// After deactivation the old token is gone: a late call is refused.
		const late = await fetch(emulator.deepopinion.deliveries()[0].url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
		expect(late.status).toBe(401);

		await trigger.activate();
		await loginClient(emulator.url).updateHitl(projectId, hitlId, { webhook_url: 'https://example.com/someone-else' });
		await trigger.deactivate();
		expect(hitlUrl()).toBe('https://example.com/someone-else');
	});
});
