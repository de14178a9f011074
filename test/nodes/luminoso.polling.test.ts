import { startLuminosoEmulator, type LuminosoEmulator } from '../../emulators/luminoso';
import { runPoll, type CredentialsByType, type WorkflowJson } from '../harness/n8n';
import { apiLogin, byId, lastSegment, loginCredentials, runCompass } from './luminosoWorkflow';

let emu: LuminosoEmulator;
let creds: CredentialsByType;
let token: string;
let project: string;

const login = () => apiLogin(emu.apiUrl);

/** Direct API calls for set-up (logging in again when the token expired). */
async function api(method: string, path: string, body?: unknown): Promise<any> {
	for (let attempt = 0; ; attempt++) {
		const res = await fetch(`${emu.apiUrl}${path}`, { method, headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		if (res.status === 401 && attempt === 0) {
			token = await login();
			continue;
		}
		return res.status === 204 ? undefined : res.json();
	}
}

async function postMessages(texts: string[]): Promise<number[]> {
	const created = (await api('POST', `/projects/${project}/p/messages/`, texts.map((text, i) => ({ text, timestamp: 1_714_000_000 + i })))) as Array<{ url: string }>;
	return created.map((m) => Number(lastSegment(m.url)));
}

const listKey = 'GET /api/projects/:projectId/p/messages/';
const count = (key: string, status?: string) => (status ? (emu.stats().byRoute[key]?.byStatus[status] ?? 0) : (emu.stats().byRoute[key]?.count ?? 0));

beforeAll(async () => {
	emu = await startLuminosoEmulator({ seed: 5 });
	creds = loginCredentials(emu.apiUrl);
	token = await login();
	const account = (await api('POST', '/accounts/', { name: 'Acme' })).id;
	project = lastSegment((await api('POST', '/projects/', { name: 'Stream', account, language: 'en' })).url);
});
afterAll(async () => emu.close());

describe('Return All follows every next page', () => {
	let ids: number[] = [];

	test('over 1,050 messages: 53 pages of 20, every message exactly once', async () => {
		ids = await postMessages(Array.from({ length: 1050 }, (_, i) => `message number ${i}`));
		const before = count(listKey);
		const result = await runCompass(creds, { resource: 'message', operation: 'getAll', project: byId(project), returnAll: true });
		expect(result.status).toBe('success');
		const got = result.json.map((m) => m.id as number);
		expect(got).toHaveLength(1050);
		expect(new Set(got).size).toBe(1050);
		expect([...got].sort((a, b) => a - b)).toEqual(ids);
		expect(count(listKey) - before).toBe(53);
		// Limit stops early: two pages for 30 messages.
		const limited = await runCompass(creds, { resource: 'message', operation: 'getAll', project: byId(project), returnAll: false, limit: 30 });
		expect(limited.json).toHaveLength(30);
	});

	test('a token that expires in the middle of the pages is renewed transparently (n8n logs in again)', async () => {
		await runCompass(creds, { resource: 'account', operation: 'getAll', returnAll: true });
		emu.luminoso.expireTokens({ afterRequests: 10 });
		const logins = emu.luminoso.logins();
		const unauthorized = count(listKey, '401');
		const result = await runCompass(creds, { resource: 'message', operation: 'getAll', project: byId(project), returnAll: true });
		expect(result.status).toBe('success');
		const got = result.json.map((m) => m.id as number);
		expect(new Set(got).size).toBe(1050);
		expect(got).toHaveLength(1050);
		expect(emu.luminoso.logins()).toBe(logins + 1);
		// One 401 answers the client's request, one n8n's own repeat, before n8n logs in again.
		expect(count(listKey, '401') - unauthorized).toBe(2);
	});

	test('the messages in a topic page the same way', async () => {
		const topic = await api('POST', `/projects/${project}/p/topics/`, { title: 'Numbers', info: { terms: { number: 1 } } });
		const result = await runCompass(creds, { resource: 'topic', operation: 'getMessages', project: byId(project), topicId: lastSegment(topic.url), returnAll: true, filters: { newer_than_id: ids[999] } });
		expect(result.json.map((m) => m.id)).toEqual(ids.slice(1000).reverse());
		await api('DELETE', `/projects/${project}/p/topics/${lastSegment(topic.url)}/`);
	});
});

describe('Luminoso Compass Trigger (polling) through n8n', () => {
	const trigger = (parameters: object): WorkflowJson => ({
		nodes: [{ name: 'Trigger', type: 'n8n-nodes-textai.luminosoCompassTrigger', typeVersion: 1, parameters: { project: byId(project), ...parameters } as never, credentials: { luminosoCompassApi: { id: '1', name: 'Compass' } } }],
		connections: {},
	});
	const texts = (items: Array<{ json: Record<string, unknown> }> | undefined) => (items ?? []).map((i) => i.json.text);

	test('new messages of a project: nothing at activation, then each new message once, oldest first', async () => {
		const workflow = trigger({ scope: 'project' });
		const first = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds });
		expect(first.items).toBeNull();
		await postMessages(['alpha', 'beta', 'gamma']);
		const second = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds, staticData: first.staticData });
		expect(texts(second.items?.[0])).toEqual(['alpha', 'beta', 'gamma']);
		const third = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds, staticData: second.savedStaticData });
		expect(third.items).toBeNull();
		// 45 new ones span three pages; all come, once, in order.
		const more = await postMessages(Array.from({ length: 45 }, (_, i) => `burst ${i}`));
		const fourth = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds, staticData: third.staticData });
		expect(fourth.items?.[0].map((i) => i.json.id)).toEqual(more);
		const fifth = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds, staticData: fourth.savedStaticData });
		expect(fifth.items).toBeNull();
	});

	test('messages in a topic, with a cap per poll; the rest comes next time', async () => {
		const topic = lastSegment((await api('POST', `/projects/${project}/p/topics/`, { title: 'Refunds', info: { terms: { refund: 1 } } })).url);
		const workflow = trigger({ scope: 'topic', topicId: topic, options: { startFrom: 'beginning', maxPerPoll: 2 } });
		await postMessages(['refund please', 'nice food', 'refund now', 'refund again', 'great']);
		const first = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds });
		expect(texts(first.items?.[0])).toEqual(['refund please', 'refund now']);
		const second = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds, staticData: first.savedStaticData });
		expect(texts(second.items?.[0])).toEqual(['refund again']);
		const third = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds, staticData: second.savedStaticData });
		expect(third.items).toBeNull();
		// "Fetch test event" shows the newest without moving the cursor.
		const manual = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds, staticData: third.staticData, mode: 'manual' });
		expect(texts(manual.items?.[0])).toEqual(['refund again', 'refund now', 'refund please']);
		expect(manual.staticData).toEqual(third.staticData);
	});

	test('deleted messages leave no gap: every remaining new message is emitted once', async () => {
		const workflow = trigger({ scope: 'project' });
		const start = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds });
		const created = await postMessages(Array.from({ length: 25 }, (_, i) => `wave ${i}`));
		await api('DELETE', `/projects/${project}/p/messages/${created[3]}/`);
		const polled = await runPoll({ workflow, nodeName: 'Trigger', credentials: creds, staticData: start.staticData });
		expect(polled.items?.[0].map((i) => i.json.id)).toEqual(created.filter((_, i) => i !== 3));
	});
});
