import { startLuminosoEmulator, type LuminosoEmulator } from '../../emulators/luminoso';
import { resources } from '../../nodes/LuminosoCompass/actions/router';
import type { CredentialsByType } from '../harness/n8n';
import { ADMIN, apiLogin, byId, byList, byUrl, exercised, lastSegment, loginCredentials, runCompass, testCredential, tokenCredentials } from './luminosoWorkflow';

let emu: LuminosoEmulator;
let creds: CredentialsByType;
const s: { account?: string; project?: string; voting?: number; topicBased?: number; topicId?: number; messageId?: number; termTopic?: number; permission?: number } = {};

const routeCount = (key: string) => emu.stats().byRoute[key]?.count ?? 0;

beforeAll(async () => {
	emu = await startLuminosoEmulator({ trainingMs: 100, seed: 11 });
	creds = loginCredentials(emu.apiUrl);
});
afterAll(async () => emu.close());

describe('Luminoso Compass node through n8n\'s engine, against the emulator', () => {
	test('credential test: logs in and reads /projects/; a wrong password or token fails', async () => {
		expect(await testCredential({ url: `${emu.apiUrl}/`, username: ADMIN.email, password: ADMIN.password })).toMatchObject({ status: 200, body: { count: 0 } });
		await expect(testCredential({ url: emu.apiUrl, username: ADMIN.email, password: 'wrong' })).rejects.toThrow();
		const token = await apiLogin(emu.apiUrl);
		expect((await testCredential({ url: emu.apiUrl, authentication: 'token', apiToken: token })).status).toBe(200);
		expect((await testCredential({ url: emu.apiUrl, authentication: 'token', apiToken: `Token ${token}` })).status).toBe(200);
		expect(await testCredential({ url: emu.apiUrl, authentication: 'token', apiToken: 'f'.repeat(40) })).toMatchObject({ status: 401, body: { detail: 'Invalid token.' } });
	});

	test('account: create, get, get many, update', async () => {
		const created = await runCompass(creds, { resource: 'account', operation: 'create', name: 'Acme' });
		expect(created.status).toBe('success');
		s.account = created.json[0].id as string;
		expect(created.json[0]).toMatchObject({ name: 'Acme', url: `${emu.apiUrl}/accounts/${s.account}/` });
		expect((await runCompass(creds, { resource: 'account', operation: 'get', account: byId(s.account) })).json[0]).toMatchObject({ id: s.account, name: 'Acme' });
		await runCompass(creds, { resource: 'account', operation: 'create', name: 'Other' });
		expect((await runCompass(creds, { resource: 'account', operation: 'getAll', returnAll: true })).json.map((a) => a.name)).toEqual(['Acme', 'Other']);
		expect((await runCompass(creds, { resource: 'account', operation: 'getAll', returnAll: false, limit: 1 })).json).toHaveLength(1);
		expect((await runCompass(creds, { resource: 'account', operation: 'update', account: byList(s.account), name: 'Acme Inc' })).json[0]).toMatchObject({ name: 'Acme Inc' });
	});

	test('project: create, get by list / ID / URL, get many with filters, update', async () => {
		const created = await runCompass(creds, { resource: 'project', operation: 'create', name: 'Reviews', account: byId(s.account!), language: 'en', additionalFields: { description: 'Restaurant reviews' } });
		expect(created.json[0]).toMatchObject({ name: 'Reviews', account: s.account, language: 'en', status: 'active', creator: ADMIN.email, description: 'Restaurant reviews' });
		s.project = created.json[0].id as string;
		for (const locator of [byList(s.project), byId(s.project), byUrl(`${emu.apiUrl}/projects/${s.project}/`)]) {
			expect((await runCompass(creds, { resource: 'project', operation: 'get', project: locator })).json[0]).toMatchObject({ id: s.project, name: 'Reviews' });
		}
		await runCompass(creds, { resource: 'project', operation: 'create', name: 'Archive', account: byId(s.account!), language: 'en', additionalFields: { status: 'inactive' } });
		expect((await runCompass(creds, { resource: 'project', operation: 'getAll', returnAll: true })).json).toHaveLength(2);
		expect((await runCompass(creds, { resource: 'project', operation: 'getAll', returnAll: true, filters: { status: 'inactive' } })).json.map((p) => p.name)).toEqual(['Archive']);
		expect((await runCompass(creds, { resource: 'project', operation: 'getAll', returnAll: true, filters: { account: 'nope' } })).json).toEqual([]);
		const updated = await runCompass(creds, { resource: 'project', operation: 'update', project: byId(s.project), updateFields: { name: 'Restaurant Reviews', description: '' } });
		expect(updated.json[0]).toMatchObject({ name: 'Restaurant Reviews', description: '' });
	});

	test('user: create, get, get many, update, reset password, then change it as that user', async () => {
		const created = await runCompass(creds, { resource: 'user', operation: 'create', name: 'Dana', email: 'dana@acme.test', additionalFields: { default_account: s.account } });
		expect(created.json[0]).toMatchObject({ email: 'dana@acme.test', name: 'Dana', default_account: s.account, admin: false });
		expect((await runCompass(creds, { resource: 'user', operation: 'get', email: 'dana@acme.test' })).json[0]).toMatchObject({ name: 'Dana' });
		expect((await runCompass(creds, { resource: 'user', operation: 'getAll', returnAll: true })).json.map((u) => u.email).sort()).toEqual([ADMIN.email, 'dana@acme.test']);
		expect((await runCompass(creds, { resource: 'user', operation: 'update', email: 'dana@acme.test', updateFields: { name: 'Dana Scully' } })).json[0]).toMatchObject({ name: 'Dana Scully' });
		const reset = await runCompass(creds, { resource: 'user', operation: 'resetPassword', email: 'dana@acme.test' });
		const temporary = reset.json[0].temporaryPassword as string;
		expect(temporary).toEqual(expect.any(String));
		const dana = loginCredentials(emu.apiUrl, 'dana@acme.test', temporary);
		const locked = await runCompass(dana, { resource: 'project', operation: 'getAll', returnAll: true });
		expect(locked.status).toBe('error');
		expect(locked.error?.message).toContain('You must change your password before doing anything else.');
		const changed = await runCompass(dana, { resource: 'user', operation: 'changePassword', email: 'dana@acme.test', oldPassword: temporary, newPassword: 'dana-new-password' });
		expect(changed.status).toBe('success');
		expect(changed.json[0]).toMatchObject({ user: { email: 'dana@acme.test', must_reset_password: false }, token: expect.stringMatching(/^[0-9a-f]{4}…[0-9a-f]{4}$/) });
	});

	test('permission: create, get, get many, delete', async () => {
		const created = await runCompass(creds, { resource: 'permission', operation: 'create', user: 'dana@acme.test', account: byId(s.account!), level: 'readwrite' });
		expect(created.json[0]).toMatchObject({ user: 'dana@acme.test', account: s.account, level: 'readwrite' });
		s.permission = created.json[0].id as number;
		expect((await runCompass(creds, { resource: 'permission', operation: 'get', permissionId: String(s.permission) })).json[0]).toMatchObject({ level: 'readwrite' });
		expect((await runCompass(creds, { resource: 'permission', operation: 'getAll', returnAll: true, filters: { level: 'readwrite' } })).json).toHaveLength(1);
		expect((await runCompass(creds, { resource: 'permission', operation: 'getAll', returnAll: true, filters: { user: 'nobody@acme.test' } })).json).toEqual([]);
		const dana = loginCredentials(emu.apiUrl, 'dana@acme.test', 'dana-new-password');
		expect((await runCompass(dana, { resource: 'project', operation: 'getAll', returnAll: true })).json.map((p) => p.id)).toContain(s.project);
		expect((await runCompass(creds, { resource: 'permission', operation: 'delete', permissionId: String(s.permission) })).json[0]).toEqual({ deleted: true, permission: s.permission });
		expect((await runCompass(dana, { resource: 'project', operation: 'getAll', returnAll: true })).json).toEqual([]);
	});

	test('token: log in (masked unless revealed), get many, get, delete; a deleted token is renewed by logging in again', async () => {
		const masked = await runCompass(creds, { resource: 'token', operation: 'login', username: ADMIN.email, password: ADMIN.password });
		expect(masked.json[0]).toMatchObject({ token: expect.stringMatching(/^[0-9a-f]{4}…[0-9a-f]{4}$/), user: { email: ADMIN.email }, expiration: expect.any(String) });
		const revealed = await runCompass(creds, { resource: 'token', operation: 'login', username: ADMIN.email, password: ADMIN.password, reveal: true });
		const token = revealed.json[0].token as string;
		expect(token).toBe(creds.luminosoCompassApi.sessionToken);
		const all = await runCompass(creds, { resource: 'token', operation: 'getAll', returnAll: true, reveal: true });
		expect(all.json.map((t) => t.user).sort()).toEqual([ADMIN.email, 'dana@acme.test']);
		expect((await runCompass(creds, { resource: 'token', operation: 'getAll', returnAll: true, user: 'dana@acme.test' })).json).toEqual([expect.objectContaining({ user: 'dana@acme.test', token: expect.stringContaining('…') })]);
		expect((await runCompass(creds, { resource: 'token', operation: 'get', token })).json[0]).toMatchObject({ user: ADMIN.email, token: `${token.slice(0, 4)}…${token.slice(-4)}` });
		const logins = emu.luminoso.logins();
		expect((await runCompass(creds, { resource: 'token', operation: 'delete', token })).json[0]).toEqual({ deleted: true, token: `${token.slice(0, 4)}…${token.slice(-4)}` });
		// The credential's token is gone: n8n gets a 401, logs in again (preAuthentication) and repeats.
		const after = await runCompass(creds, { resource: 'project', operation: 'get', project: byId(s.project!) });
		expect(after.status).toBe('success');
		expect(emu.luminoso.logins()).toBe(logins + 1);
		expect(creds.luminosoCompassApi.sessionToken).not.toBe(token);
	});

	test('document: create per item, create many in batches, get many with filters', async () => {
		const one = await runCompass(creds, { resource: 'document', operation: 'create', project: byId(s.project!), text: '={{ $json.text }}', label: '={{ $json.label }}', dataset: 'train' }, [{ text: 'Delicious pasta', label: 'food' }, { text: 'Rude waiter', label: 'service' }]);
		expect(one.json).toEqual([expect.objectContaining({ text: 'Delicious pasta', label: 'food', dataset: 'train', language: 'en' }), expect.objectContaining({ text: 'Rude waiter', label: 'service' })]);
		const food = ['pizza crust perfect', 'tasty burger and fries', 'fresh salad soup', 'delicious dessert cake', 'pasta sauce was great'];
		const service = ['waiter was slow', 'staff friendly and helpful', 'waited an hour for service', 'host was rude', 'server forgot our order'];
		const items = Array.from({ length: 45 }, (_, i) => (i % 2 ? { text: `${service[i % 5]} ${i}`, label: 'service' } : { text: `${food[i % 5]} ${i}`, label: 'food' }));
		const before = routeCount('POST /api/projects/:projectId/p/documents/');
		const many = await runCompass(creds, { resource: 'document', operation: 'createMany', project: byId(s.project!), text: '={{ $json.text }}', label: '={{ $json.label }}', dataset: 'train', options: { batchSize: 20 } }, items);
		expect(many.status).toBe('success');
		expect(many.json).toHaveLength(45);
		expect(many.items.map((i) => i.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(routeCount('POST /api/projects/:projectId/p/documents/') - before).toBe(3);
		expect(emu.luminoso.documentCount(s.project!)).toBe(47);
		expect((await runCompass(creds, { resource: 'document', operation: 'getAll', project: byId(s.project!), returnAll: true, filters: { label: 'service' } })).json).toHaveLength(23);
		expect((await runCompass(creds, { resource: 'document', operation: 'getAll', project: byId(s.project!), returnAll: false, limit: 30 })).json).toHaveLength(30);
	});

	test('classifier: voting (waits until ready and active), topic-based with clauses, three sentiment types; get, get many, update', async () => {
		const voting = await runCompass(creds, { resource: 'classifier', operation: 'create', project: byId(s.project!), name: 'votes', type: 'voting', status: 'active', dataset: 'train', numTopics: '1', threshold: 0.5, options: { wait: true, pollSeconds: 1 } });
		expect(voting.status).toBe('success');
		expect(voting.json[0]).toMatchObject({ name: 'votes', type: 'voting', training_state: 'ready', status: 'active', info: { dataset: 'train', num_topics: 1, threshold: 0.5 } });
		s.voting = voting.json[0].id as number;
		const topicBased = await runCompass(creds, {
			resource: 'classifier',
			operation: 'create',
			project: byId(s.project!),
			name: 'food and drink',
			type: 'topic_based',
			status: 'active',
			numTopics: 'all',
			threshold: 0.76,
			topics: { topic: [{ title: 'breakfast', clause: 'bagel AND (schmear OR cream cheese)' }, { title: 'coffee', clause: 'drink AND coffee AND NOT latte' }] },
		});
		expect(topicBased.json[0]).toMatchObject({ training_state: 'in_training', status: 'inactive', info: { num_topics: 'ALL', threshold: 0.76 } });
		s.topicBased = topicBased.json[0].id as number;
		const combined = await runCompass(creds, { resource: 'classifier', operation: 'create', project: byId(s.project!), name: 'mood', type: 'sentiment_combined', status: 'active', combinedThreshold: 0.5 });
		expect(combined.json[0]).toMatchObject({ info: { combined_threshold: 0.5 }, training_state: 'ready' });
		const split = await runCompass(creds, { resource: 'classifier', operation: 'create', project: byId(s.project!), name: 'split', type: 'sentiment_split', status: 'inactive', negativeThreshold: -0.3, positiveThreshold: 0.6 });
		expect(split.json[0]).toMatchObject({ info: { negative_threshold: -0.3, positive_threshold: 0.6 }, status: 'inactive' });
		const wordlist = await runCompass(creds, {
			resource: 'classifier',
			operation: 'create',
			project: byId(s.project!),
			name: 'my list',
			type: 'sentiment_wordlist',
			status: 'inactive',
			bands: { band: [{ name: 'bad', min: -1, max: 0 }, { name: 'good', min: 0, max: 1 }] },
			wordlist: { word: [{ word: 'superb', score: 5 }, { word: 'mighty fine', score: 3 }, { word: 'execrable', score: -5 }] },
		});
		expect(wordlist.json[0]).toMatchObject({ info: { topics: { bad: { min: -1, max: 0 }, good: { min: 0, max: 1 } }, wordlist: { superb: 5, 'mighty fine': 3, execrable: -5 } } });

		await new Promise((r) => setTimeout(r, 150));
		const got = await runCompass(creds, { resource: 'classifier', operation: 'get', project: byId(s.project!), classifier: byId(s.topicBased) });
		expect(got.json[0]).toMatchObject({ training_state: 'ready', status: 'active', topics: [{ title: 'breakfast' }, { title: 'coffee' }] });
		const all = await runCompass(creds, { resource: 'classifier', operation: 'getAll', project: byId(s.project!), returnAll: true });
		expect(all.json.map((c) => c.name)).toEqual(['votes', 'food and drink', 'mood', 'split', 'my list']);
		expect((await runCompass(creds, { resource: 'classifier', operation: 'getAll', project: byId(s.project!), returnAll: true, name: 'mood' })).json).toHaveLength(1);
		const updated = await runCompass(creds, { resource: 'classifier', operation: 'update', project: byId(s.project!), classifier: byList(s.voting), updateFields: { threshold: 0.4, numTopics: 'ALL' } });
		expect(updated.json[0]).toMatchObject({ info: { threshold: 0.4, num_topics: 'ALL' } });
		const renamed = await runCompass(creds, { resource: 'classifier', operation: 'update', project: byId(s.project!), classifier: byId(combined.json[0].id as number), updateFields: { name: 'moods', info: '{"combined_threshold": 0.3}' } });
		expect(renamed.json[0]).toMatchObject({ name: 'moods', info: { combined_threshold: 0.3 } });
		// info is checked against the classifier's type before anything is sent
		const wrongInfo = await runCompass(creds, { resource: 'classifier', operation: 'update', project: byId(s.project!), classifier: byId(combined.json[0].id as number), updateFields: { info: '{"threshold": 0.3}' } });
		expect(wrongInfo.error?.message).toBe('Invalid input for Luminoso Compass updateClassifier: field "info.threshold" does not apply to sentiment_combined classifiers (they take combined_threshold)');
	});

	test('classifier: a bad topic clause stops the node before any request, naming the item and field', async () => {
		const before = routeCount('POST /api/projects/:projectId/p/classifiers/');
		const result = await runCompass(
			creds,
			{ resource: 'classifier', operation: 'create', project: byId(s.project!), name: '={{ $json.name }}', type: 'topic_based', status: 'active', topics: { topic: [{ title: 'beer', clause: '={{ $json.clause }}' }] } },
			[{ name: 'ok', clause: '(ale OR beer) AND NOT porter' }, { name: 'bad', clause: 'ale OR beer AND NOT porter' }],
			{ continueOnFail: true },
		);
		expect(result.json[1].error).toBe(
			'Invalid input for Luminoso Compass createClassifier: field "info.topics[0].clause" is ambiguous: "OR" and "AND" are mixed without parentheses; use parentheses whenever you change operators, e.g. "(ale OR beer) AND NOT porter" or "ale OR (beer AND NOT porter)" (at character 13: ale OR beer >>AND<< NOT porter)',
		);
		expect(routeCount('POST /api/projects/:projectId/p/classifiers/') - before).toBe(1);
		const stopped = await runCompass(creds, { resource: 'classifierTopic', operation: 'create', project: byId(s.project!), classifier: byId(s.topicBased!), name: 'tea', clause: 'tea, please' });
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toBe('Invalid input for Luminoso Compass createClassifierTopic: field "info" contains punctuation, ",": a topic may only contain words, spaces, parentheses and the operators AND, OR, NOT (at character 4: tea>>,<< please)');
		expect(routeCount('POST /api/projects/:projectId/p/classifiers/:classifierId/topics/')).toBe(0);
		await runCompass(creds, { resource: 'classifier', operation: 'delete', project: byId(s.project!), classifier: byId(result.json[0].id as number) });
	});

	test('classifier topic: create, update, delete', async () => {
		const created = await runCompass(creds, { resource: 'classifierTopic', operation: 'create', project: byId(s.project!), classifier: byList(s.topicBased!), name: 'tea', clause: 'tea OR chai', blocking: false });
		expect(created.json[0]).toMatchObject({ title: 'tea', info: 'tea OR chai', status: 'active', classifier: `${emu.apiUrl}/projects/${s.project}/p/classifiers/${s.topicBased}/` });
		s.topicId = created.json[0].id as number;
		const updated = await runCompass(creds, { resource: 'classifierTopic', operation: 'update', project: byId(s.project!), topicId: String(s.topicId), updateFields: { title: 'tea time', clause: 'tea OR chai OR matcha' } });
		expect(updated.json[0]).toMatchObject({ title: 'tea time', info: 'tea OR chai OR matcha' });
		const bad = await runCompass(creds, { resource: 'classifierTopic', operation: 'update', project: byId(s.project!), topicId: String(s.topicId), updateFields: { clause: 'tea AND' } });
		expect(bad.error?.message).toMatch(/field "info" ends after "AND": a word or phrase must follow it/);
		const extra = await runCompass(creds, { resource: 'classifierTopic', operation: 'create', project: byId(s.project!), classifier: byId(s.topicBased!), name: 'juice', clause: 'juice' });
		expect((await runCompass(creds, { resource: 'classifierTopic', operation: 'delete', project: byId(s.project!), topicId: String(extra.json[0].id) })).json[0]).toEqual({ deleted: true, project: s.project, topic: extra.json[0].id });
		const classifier = await runCompass(creds, { resource: 'classifier', operation: 'get', project: byId(s.project!), classifier: byId(s.topicBased!) });
		expect((classifier.json[0].topics as Array<{ title: string }>).map((t) => t.title)).toEqual(['breakfast', 'coffee', 'tea time']);
	});

	test('classification: each item classified by every ready, active classifier, nothing saved', async () => {
		const result = await runCompass(creds, { resource: 'classification', operation: 'classify', project: byId(s.project!), text: '={{ $json.text }}', sourceId: '={{ $json.id }}' }, [
			{ id: 'r1', text: 'A bagel with cream cheese and a superb matcha' },
			{ id: 'r2', text: 'The waiter was slow and rude' },
		]);
		expect(result.status).toBe('success');
		const names = result.json.map((r) => (r.topics as Array<{ source: string; name: string }>).map((t) => `${t.source}:${t.name}`));
		expect(names[0]).toEqual(['votes:UNCLASSIFIED', 'food and drink:breakfast', 'food and drink:tea time', 'moods:positive']);
		expect(names[1]).toEqual(['votes:service', 'food and drink:UNCLASSIFIED', 'moods:negative']);
		expect(result.json[0]).toMatchObject({ source_id: 'r1' });
		expect(emu.luminoso.messages(s.project!)).toHaveLength(0);
	});

	test('message: create, create many (batched), get, get many with filters, replace, delete', async () => {
		const one = await runCompass(creds, { resource: 'message', operation: 'create', project: byId(s.project!), text: 'Fresh pizza, superb', timestamp: '2024-05-01T10:00:00Z', sourceId: 'm-1', info: '{"channel": "email"}' });
		expect(one.json[0]).toMatchObject({ text: 'Fresh pizza, superb', source_id: 'm-1', info: { channel: 'email' }, timestamp: '2024-05-01T10:00:00.000000+00:00' });
		expect((one.json[0].topics as Array<{ name: string }>).map((t) => t.name)).toEqual(['food', 'UNCLASSIFIED', 'positive']);
		s.messageId = one.json[0].id as number;
		const items = Array.from({ length: 30 }, (_, i) => ({ text: i % 2 ? `The waiter was slow ${i}` : `Delicious cake ${i}`, ts: `2024-05-02T10:${String(i).padStart(2, '0')}:00Z`, id: `b-${i}` }));
		const before = routeCount('POST /api/projects/:projectId/p/messages/');
		const many = await runCompass(creds, { resource: 'message', operation: 'createMany', project: byId(s.project!), text: '={{ $json.text }}', timestamp: '={{ $json.ts }}', sourceId: '={{ $json.id }}', options: { batchSize: 12 } }, items);
		expect(many.json).toHaveLength(30);
		expect(many.json.map((m) => m.source_id)).toEqual(items.map((i) => i.id));
		expect(many.items.map((i) => i.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(routeCount('POST /api/projects/:projectId/p/messages/') - before).toBe(3);
		expect((await runCompass(creds, { resource: 'message', operation: 'get', project: byId(s.project!), messageId: String(s.messageId) })).json[0]).toMatchObject({ source_id: 'm-1' });
		const all = await runCompass(creds, { resource: 'message', operation: 'getAll', project: byId(s.project!), returnAll: true });
		expect(all.json).toHaveLength(31);
		const window = await runCompass(creds, { resource: 'message', operation: 'getAll', project: byId(s.project!), returnAll: true, filters: { earliest: '2024-05-02T10:10:00Z', latest: '2024-05-02T10:19:00Z' } });
		expect(window.json).toHaveLength(10);
		const newer = await runCompass(creds, { resource: 'message', operation: 'getAll', project: byId(s.project!), returnAll: true, filters: { newer_than_id: s.messageId } });
		expect(newer.json).toHaveLength(30);
		// Replace the messages of May 2 with two new ones.
		const replaced = await runCompass(creds, { resource: 'message', operation: 'createMany', project: byId(s.project!), text: '={{ $json.text }}', timestamp: '2024-05-02T12:00:00Z', options: { replace: true, replaceFilters: { earliest: '2024-05-02T00:00:00Z' } } }, [{ text: 'new one' }, { text: 'new two' }]);
		expect(replaced.json).toHaveLength(2);
		expect(emu.luminoso.messages(s.project!).map((m) => m.text)).toEqual(['Fresh pizza, superb', 'new one', 'new two']);
		const badItems = await runCompass(creds, { resource: 'message', operation: 'createMany', project: byId(s.project!), text: '={{ $json.text }}', timestamp: '={{ $json.ts }}' }, [{ text: 'fine', ts: 1714550400 }, { text: '', ts: 'soon' }]);
		expect(badItems.error?.message).toBe('Invalid input for Luminoso Compass addMessages: Item 1: field "text" is required; Item 1: field "timestamp" must be an ISO-8601 time (e.g. 2014-08-17T12:45:01Z) or seconds since the epoch, got "soon"');
		expect(emu.luminoso.messages(s.project!)).toHaveLength(3);
		const removed = await runCompass(creds, { resource: 'message', operation: 'delete', project: byId(s.project!), messageId: String(replaced.json[1].id) });
		expect(removed.json[0]).toEqual({ deleted: true, project: s.project, message: replaced.json[1].id });
		expect(emu.luminoso.messages(s.project!)).toHaveLength(2);
	});

	test('topic: create, get with stats, get many, get messages, update, get history, delete', async () => {
		const now = Math.floor(Date.now() / 1000);
		await runCompass(creds, { resource: 'message', operation: 'createMany', project: byId(s.project!), text: '={{ $json.text }}', timestamp: '={{ $json.ts }}' }, [
			{ text: 'Delivery was late again', ts: now - 60 },
			{ text: 'Quick delivery, thanks', ts: now - 120 },
		]);
		const created = await runCompass(creds, { resource: 'topic', operation: 'create', project: byId(s.project!), title: 'Delivery', terms: { term: [{ term: 'delivery', weight: 1 }, { term: 'late', weight: 0.5 }] } });
		expect(created.json[0]).toMatchObject({ title: 'Delivery', status: 'active', blocking: false, info: { terms: { delivery: 1, late: 0.5 } }, measurements: { count: 2 } });
		s.termTopic = created.json[0].id as number;
		const withStats = await runCompass(creds, { resource: 'topic', operation: 'get', project: byId(s.project!), topicId: String(s.termTopic), options: { stats: true, interval: 600, num_buckets: 2 } });
		expect(withStats.json[0].time_buckets).toMatchObject({ interval: 600, counts: [0, 2] });
		const listed = await runCompass(creds, { resource: 'topic', operation: 'getAll', project: byId(s.project!), returnAll: true });
		expect(listed.json.map((t) => t.title)).toEqual(expect.arrayContaining(['Delivery', 'food', 'service', 'breakfast', 'positive']));
		const filtered = await runCompass(creds, { resource: 'topic', operation: 'getAll', project: byId(s.project!), returnAll: true, filters: { blocking: 'nonBlocking', status: 'active', stats: true, num_buckets: 3 } });
		expect(filtered.json.every((t) => (t.time_buckets as { counts: unknown[] }).counts.length === 3)).toBe(true);
		const messages = await runCompass(creds, { resource: 'topic', operation: 'getMessages', project: byId(s.project!), topicId: String(s.termTopic), returnAll: true });
		expect(messages.json.map((m) => [m.text, m.centrality])).toEqual([
			['Quick delivery, thanks', 0.6667],
			['Delivery was late again', 1],
		]);
		const updated = await runCompass(creds, { resource: 'topic', operation: 'update', project: byId(s.project!), topicId: String(s.termTopic), updateFields: { title: 'Shipping', blocking: false, status: 'inactive', terms: { term: [{ term: 'shipping', weight: 1 }] } } });
		expect(updated.json[0]).toMatchObject({ title: 'Shipping', status: 'inactive', info: { terms: { shipping: 1 } }, ended: expect.any(String) });
		const history = await runCompass(creds, { resource: 'topic', operation: 'getHistory', project: byId(s.project!), returnAll: true, filters: { earliest_ended: '2020-01-01T00:00:00Z' } });
		expect(history.json.map((t) => t.title)).toEqual(['Shipping', 'juice', 'beer']);
		expect((await runCompass(creds, { resource: 'topic', operation: 'delete', project: byId(s.project!), topicId: String(s.termTopic) })).json[0]).toEqual({ deleted: true, project: s.project, topic: s.termTopic });
		expect((await runCompass(creds, { resource: 'topic', operation: 'getHistory', project: byId(s.project!), returnAll: false, limit: 2 })).json.map((t) => t.title)).toEqual(['Shipping', 'juice']);
	});

	test('statistics: get with buckets, usage by month, a usage day', async () => {
		const stats = await runCompass(creds, { resource: 'statistics', operation: 'get', project: byId(s.project!), options: { interval: 3600, num_buckets: 4 } });
		expect(stats.json[0]).toMatchObject({ measurements: { count: 4, velocity: 2 }, time_buckets: { interval: 3600 } });
		expect((stats.json[0].time_buckets as { counts: unknown[] }).counts).toHaveLength(4);
		const usage = await runCompass(creds, { resource: 'statistics', operation: 'getUsage', project: byId(s.project!) });
		expect(usage.json).toHaveLength(1);
		expect(usage.json[0]).toMatchObject({ total_counts: { api: 35 }, month_name: expect.any(String) });
		const day = (usage.json[0].days as Array<{ url: string; count: number }>)[0];
		const got = await runCompass(creds, { resource: 'statistics', operation: 'getUsageDay', project: byId(s.project!), usageId: lastSegment(day.url) });
		expect(got.json[0]).toMatchObject({ source: 'api', count: 35 });
		expect((await runCompass(creds, { resource: 'statistics', operation: 'getUsage', project: byId(s.project!), filters: { source: 'gnip' } })).json).toEqual([]);
	});

	test('configuration: get many, get, set, reset', async () => {
		const all = await runCompass(creds, { resource: 'configuration', operation: 'getAll', project: byId(s.project!) });
		expect((all.json[0].default as unknown[]).length).toBe(15);
		expect((await runCompass(creds, { resource: 'configuration', operation: 'get', project: byId(s.project!), key: 'number_of_clusters' })).json[0]).toEqual({ key: 'number_of_clusters', value: 12 });
		expect((await runCompass(creds, { resource: 'configuration', operation: 'set', project: byId(s.project!), key: 'labels_for_clustering', value: '["food", "service"]' })).json[0]).toEqual({ key: 'labels_for_clustering', value: ['food', 'service'] });
		const rejected = await runCompass(creds, { resource: 'configuration', operation: 'set', project: byId(s.project!), key: 'sentiment_threshold', value: '1.5' });
		expect(rejected.error?.message).toBe('Luminoso Compass setConfigValue failed with HTTP 400: value: Ensure this value is a number between 0 and 1.');
		expect((await runCompass(creds, { resource: 'configuration', operation: 'reset', project: byId(s.project!), key: 'labels_for_clustering' })).json[0]).toEqual({ reset: true, project: s.project, key: 'labels_for_clustering' });
		expect((await runCompass(creds, { resource: 'configuration', operation: 'getAll', project: byId(s.project!) })).json[0].overridden).toEqual([]);
	});

	test('delete: classifier, project, user, account', async () => {
		expect((await runCompass(creds, { resource: 'classifier', operation: 'delete', project: byId(s.project!), classifier: byId(s.voting!) })).json[0]).toEqual({ deleted: true, project: s.project, classifier: s.voting });
		expect((await runCompass(creds, { resource: 'project', operation: 'delete', project: byId(s.project!) })).json[0]).toEqual({ deleted: true, project: s.project });
		expect((await runCompass(creds, { resource: 'user', operation: 'delete', email: 'dana@acme.test' })).json[0]).toEqual({ deleted: true, user: 'dana@acme.test' });
		expect((await runCompass(creds, { resource: 'account', operation: 'delete', account: byId(s.account!) })).json[0]).toEqual({ deleted: true, account: s.account });
		expect((await runCompass(creds, { resource: 'project', operation: 'getAll', returnAll: true })).json.map((p) => p.name)).toEqual([]);
		const gone = await runCompass(creds, { resource: 'account', operation: 'get', account: byId(s.account!) });
		expect(gone.error?.message).toBe('Luminoso Compass getAccount failed with HTTP 404: Not found.');
	});

	test('every operation of the node ran, and every request carried its trailing slash', () => {
		const all = Object.entries(resources).flatMap(([resource, ops]) => Object.keys(ops).map((op) => `${resource}.${op}`));
		expect(all.length).toBeGreaterThanOrEqual(56);
		expect([...exercised].sort()).toEqual(all.sort());
		const byStatus = emu.stats().byStatus;
		expect(byStatus['301']).toBeUndefined();
		expect(Object.keys(emu.stats().byRoute).filter((k) => k.includes('unmatched'))).toEqual([]);
	});

	test('an API token given directly works, and is never renewed', async () => {
		const token = await apiLogin(emu.apiUrl);
		const direct = tokenCredentials(emu.apiUrl, token);
		expect((await runCompass(direct, { resource: 'account', operation: 'getAll', returnAll: true })).status).toBe('success');
		emu.luminoso.expireTokens();
		const logins = emu.luminoso.logins();
		const expired = await runCompass(direct, { resource: 'account', operation: 'getAll', returnAll: true });
		expect(expired.error?.message).toContain('Token has expired.');
		expect(emu.luminoso.logins()).toBe(logins);
		expect(JSON.stringify(expired.error?.raw ?? {})).not.toContain(token);
	});
});
