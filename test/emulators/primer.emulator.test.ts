import http from 'node:http';
import { ENTITIES_MODEL, KEY_PHRASES_MODEL, NEWS_TOPICS_MODEL, startPrimerEmulator, UNDEPLOYED_MODEL, type PrimerEmulator } from '../../emulators/primer';

const USER = { username: 'ada@example.com', password: 'correct horse battery' };
let emu: PrimerEmulator;

beforeEach(async () => {
	emu = await startPrimerEmulator({ users: [USER], tokens: ['static-token-1'], settings: { jobQueuedMs: 50, jobProcessingMs: 150, deployMs: 150 } });
});
afterEach(async () => emu.close());

async function login(user = USER): Promise<{ status: number; body: Record<string, unknown> }> {
	const res = await fetch(`${emu.ssoUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(user) });
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function api(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; query?: Record<string, string> } = {}) {
	const token = options.token ?? ((await login()).body.access_token as string);
	const url = new URL(`${emu.apiUrl}${path}`);
	for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
	const res = await fetch(url, {
		method,
		headers: { Authorization: `JWT ${token}`, ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
		body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
	});
	const text = await res.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: res.status, body: body as any, headers: res.headers, text };
}

const CSV = 'doc_id,headline,body,tags\r\n1,Gold,"Michael Phelps wins the swimming final, a medal for the team",Sports\r\n2,Vote,"The minister called an election",Politics;Other\r\n';

async function upload(extra: Record<string, string> = {}, body = CSV) {
	return api('POST', '/datasets:upload', {
		raw: body,
		query: { filetype: 'csv', dataset_meta_display_name: 'news', dataset_meta_document_type: 'News', header_matching_text: 'body', header_matching_title: 'headline', header_matching_id: 'doc_id', header_matching_label: 'tags', ...extra },
	});
}

describe('SSO login and JWT auth', () => {
	test('a login returns a JWT whose exp matches the configured TTL; wrong passwords and missing fields are refused', async () => {
		emu.primer.configure({ tokenTtlMs: 90_000 });
		const ok = await login();
		expect(ok.status).toBe(200);
		const token = ok.body.access_token as string;
		const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
		expect(payload.sub).toBe(USER.username);
		expect(Math.round(payload.exp - payload.iat)).toBe(90);
		expect(await login({ ...USER, password: 'nope' })).toEqual({ status: 401, body: { message: 'Invalid username or password' } });
		const missing = await fetch(`${emu.ssoUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":"x"}' });
		expect(missing.status).toBe(400);
		expect(await missing.json()).toEqual({ message: 'Input payload validation failed', errors: { password: "'password' is a required property" } });
		expect(emu.primer.auth).toMatchObject({ logins: 1, failedLogins: 1 });
	});

	test('the API wants "Authorization: JWT <token>"; expired and revoked tokens get 401; pre-issued tokens work', async () => {
		expect((await api('GET', '/datasets/', { token: 'static-token-1' })).status).toBe(200);
		const noHeader = await fetch(`${emu.apiUrl}/datasets/`);
		expect(noHeader.status).toBe(401);
		expect(await noHeader.json()).toEqual({ message: "missing Authorization header: send 'Authorization: JWT <token>'" });
		const bearer = await fetch(`${emu.apiUrl}/datasets/`, { headers: { Authorization: 'Bearer static-token-1' } });
		expect(bearer.status).toBe(401);

		emu.primer.configure({ tokenTtlMs: 150 });
		const token = (await login()).body.access_token as string;
		expect((await api('GET', '/datasets/', { token })).status).toBe(200);
		await new Promise((r) => setTimeout(r, 200));
		const expired = await api('GET', '/datasets/', { token });
		expect(expired).toMatchObject({ status: 401, body: { message: 'Token has expired' } });

		emu.primer.configure({ tokenTtlMs: 60_000 });
		const fresh = (await login()).body.access_token as string;
		emu.primer.revokeTokens();
		expect((await api('GET', '/datasets/', { token: fresh })).body).toEqual({ message: 'Invalid token' });
		expect(emu.primer.auth).toMatchObject({ expired: 1, invalid: 1 });
	});
});

describe('datasets', () => {
	test('PUT /datasets/ keeps a 64-bit user_id exact and validates like flask-restx', async () => {
		const raw = '{"user_id": 4028440374033030052, "is_archived": false, "num_documents": 100, "org_id": 1, "display_name": "Bicycle_data", "document_type": "Social Media", "description": "Compiled bicycle dataset"}';
		const created = await api('PUT', '/datasets/', { raw });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ user_id: '4028440374033030052', display_name: 'Bicycle_data', num_documents: 100, models: [], description: 'Compiled bicycle dataset' });
		expect(created.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		const bad = await api('PUT', '/datasets/', { body: { user_id: 1, is_archived: 'no', org_id: 1, num_documents: 1, document_type: 'News' } });
		expect(bad).toMatchObject({ status: 400, body: { message: 'Input payload validation failed', errors: { is_archived: `"no" is not of type 'boolean'`, display_name: "'display_name' is a required property" } } });
		const list = await api('GET', '/datasets/');
		expect(list.body.filters).toEqual([]);
		expect(list.body.datasets.map((d: { id: string }) => d.id)).toEqual([created.body.id]);
	});

	test('upload CSV with header matching, link a model, append JSON, download labels as JSONL', async () => {
		const created = await upload({ model_id: NEWS_TOPICS_MODEL, dataset_meta_description: 'two stories' });
		expect(created.status).toBe(201);
		const datasetId = created.body.dataset_id as string;
		expect(emu.primer.documents(datasetId)).toEqual([
			expect.objectContaining({ id: '1', title: 'Gold', text: 'Michael Phelps wins the swimming final, a medal for the team', labels: ['Sports'] }),
			expect.objectContaining({ id: '2', title: 'Vote', labels: ['Politics', 'Other'] }),
		]);
		expect(emu.primer.dataset(datasetId)).toMatchObject({ display_name: 'news', document_type: 'News', description: 'two stories', num_documents: 2, user_id: '4028440374033030052', models: [{ id: NEWS_TOPICS_MODEL, name: 'News topics' }] });

		const appended = await api('PATCH', '/datasets:upload', { raw: JSON.stringify([{ content: 'Shares rallied at the bank' }]), query: { filetype: 'json', dataset_id: datasetId, header_matching_text: 'content' } });
		expect(appended).toMatchObject({ status: 200, body: { dataset_id: datasetId, num_documents: 3 } });
		expect(emu.primer.documents(datasetId)[2]).toMatchObject({ id: '3', text: 'Shares rallied at the bank' });

		const labels = await api('GET', '/labels:download', { query: { model_id: NEWS_TOPICS_MODEL } });
		expect(labels.status).toBe(200);
		const lines = labels.text.trim().split('\n').map((l) => JSON.parse(l));
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatchObject({ document_id: '1', document_title: 'Gold', document_date: null });
		expect(lines[0].labels.find((l: { label_name: string }) => l.label_name === 'Sports')).toMatchObject({ value: true, annotator_name: USER.username });
		expect(lines[0].labels.find((l: { label_name: string }) => l.label_name === 'Politics')).toMatchObject({ value: false });
		expect(lines[1].labels.find((l: { label_name: string }) => l.label_name === 'Other')).toMatchObject({ value: true });
	});

	test('upload errors name what is wrong', async () => {
		expect((await upload({ filetype: 'xml' })).body).toEqual({ message: `filetype must be 'json' or 'csv', got "xml"` });
		expect((await upload({ dataset_meta_display_name: '' })).body).toEqual({ message: 'dataset_meta_display_name is required' });
		expect((await upload({ header_matching_text: 'content' })).body).toEqual({ message: 'The CSV file has no text column "content" (header_matching_text); its columns are: doc_id, headline, body, tags' });
		expect((await upload({}, `${CSV}3,Bad,"one",two,three\r\n`)).body).toEqual({ message: 'CSV row 3 (line 4) has 5 fields, but the header has 4' });
		expect((await upload({}, 'doc_id,headline,body,tags\n1,x,,y\n')).body).toEqual({ message: 'CSV row 1 (line 2): the text column "body" is empty' });
		expect((await upload({ model_id: 'not-a-uuid' })).body).toEqual({ message: 'model_id must be a UUID, got "not-a-uuid"' });
		const patch = await api('PATCH', '/datasets:upload', { raw: CSV, query: { filetype: 'csv', dataset_id: '00000000-0000-4000-8000-000000000000' } });
		expect(patch).toMatchObject({ status: 404, body: { message: 'Dataset 00000000-0000-4000-8000-000000000000 does not exist' } });
		expect(emu.primer.datasets()).toEqual([]);
	});
});

describe('models', () => {
	test('multi-label, NER and LIST predictions in the documented shapes, deterministic', async () => {
		const text = 'Michael Phelps won gold at the Olympics swimming final on 2024-07-28, NBC reported, earning $1,200,000.';
		const clf = await api('POST', `/models/${NEWS_TOPICS_MODEL}/predictions`, { body: { text } });
		expect(clf.status).toBe(200);
		expect(clf.body.model_type).toBe('CLF_MULTILABEL');
		expect(clf.body.labels.map((l: { label: string }) => l.label)).toEqual(['Sports', 'Politics', 'Health', 'Business']);
		for (const l of clf.body.labels) expect(Object.keys(l).sort()).toEqual(['classification', 'label', 'score', 'threshold']);
		expect(clf.body.labels.filter((l: { classification: boolean }) => l.classification).map((l: { label: string }) => l.label)).toEqual(['Sports']);
		expect((await api('POST', `/models/${NEWS_TOPICS_MODEL}/predictions`, { body: { text } })).body).toEqual(clf.body);

		const ner = await api('POST', `/models/${ENTITIES_MODEL}/predictions`, { body: { text } });
		expect(ner.body.model_type).toBe('NER');
		expect(ner.body.labels.map((e: { label: string; text: string }) => [e.label, e.text])).toEqual([
			['PERSON', 'Michael Phelps'],
			['DATE', '2024-07-28'],
			['ORG', 'NBC'],
			['MONEY', '$1,200,000'],
		]);
		for (const e of ner.body.labels) expect(text.slice(e.start, e.end)).toBe(e.text);

		const list = await api('POST', `/models/${KEY_PHRASES_MODEL}/predictions`, { body: { text } });
		expect(list.body).toEqual({ model_type: 'LIST', labels: [{ text: ['Michael Phelps', '2024-07-28', 'NBC', '$1,200,000', 'Sports'] }] });

		expect((await api('POST', `/models/${NEWS_TOPICS_MODEL}/predictions`, { body: {} })).body).toEqual({ message: 'Input payload validation failed', errors: { text: "'text' is a required property" } });
	});

	test('deployment: not deployed (409), deploying (503 + Retry-After), then serving; a deployment can be made to fail', async () => {
		const text = 'A new outbreak with 40 cases';
		const before = await api('POST', `/models/${UNDEPLOYED_MODEL}/predictions`, { body: { text } });
		expect(before).toMatchObject({ status: 409, body: { message: `Model ${UNDEPLOYED_MODEL} is not deployed: deploy it first (POST /models/${UNDEPLOYED_MODEL}/deployment)` } });
		const deployed = await api('POST', `/models/${UNDEPLOYED_MODEL}/deployment`);
		expect(deployed).toMatchObject({ status: 201, body: { status_message: 'Model deployment requested' } });
		const during = await api('POST', `/models/${UNDEPLOYED_MODEL}/predictions`, { body: { text } });
		expect(during.status).toBe(503);
		expect(during.headers.get('retry-after')).toBe('1');
		await new Promise((r) => setTimeout(r, 200));
		const after = await api('POST', `/models/${UNDEPLOYED_MODEL}/predictions`, { body: { text } });
		expect(after.status).toBe(200);
		expect(after.body.labels.find((l: { label: string }) => l.label === 'NT').classification).toBe(true);

		emu.primer.putModel({ id: '11111111-2222-4333-8444-555555555555', name: 'Doomed', deployment: 'not_deployed', labels: [{ label: 'X' }] });
		emu.primer.failNextDeployments(1, 'no GPU capacity');
		await api('POST', '/models/11111111-2222-4333-8444-555555555555/deployment');
		await new Promise((r) => setTimeout(r, 200));
		expect((await api('POST', '/models/11111111-2222-4333-8444-555555555555/predictions', { body: { text } })).body).toEqual({
			message: 'The deployment of model 11111111-2222-4333-8444-555555555555 failed: no GPU capacity',
		});
		expect((await api('POST', '/models/not-a-uuid/deployment')).status).toBe(400);
	});
});

function rawGet(url: string, token: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; chunks: number; body: string }> {
	return new Promise((resolve, reject) => {
		http.get(url, { headers: { Authorization: `JWT ${token}` } }, (res) => {
			let chunks = 0;
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => {
				chunks++;
				body += c;
			});
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, chunks, body }));
			res.on('error', reject);
		}).on('error', reject);
	});
}

describe('bulk predictions', () => {
	test('a job moves PENDING -> PROCESSING -> COMPLETED; predictions download streams in chunks without Content-Length', async () => {
		emu.primer.configure({ downloadChunkRows: 10, downloadChunkDelayMs: 2 });
		const docs = Array.from({ length: 95 }, (_, i) => ({ id: `d${i}`, text: i % 2 ? `Election ${i} called by the minister` : `Team ${i} wins the match` }));
		const token = (await login()).body.access_token as string;
		const datasetId = (await api('POST', '/datasets:upload', { token, raw: JSON.stringify(docs), query: { filetype: 'json', dataset_meta_display_name: 'bulk', dataset_meta_document_type: 'Other' } })).body.dataset_id;
		const early = await api('GET', '/predictions/', { token, query: { dataset_id: datasetId, model_id: NEWS_TOPICS_MODEL, format: 'JSON' } });
		expect(early).toMatchObject({ status: 404, body: { message: `No predictions of model ${NEWS_TOPICS_MODEL} for dataset ${datasetId}: request bulk predictions first` } });

		const requested = await api('POST', '/models/predictions', { token, body: { dataset_id: datasetId, model_id: NEWS_TOPICS_MODEL } });
		expect(requested.status).toBe(201);
		const id = requested.body.request_predictions_id as number;
		expect(Number.isInteger(id)).toBe(true);
		const seen: string[] = [];
		for (let i = 0; i < 100 && seen.at(-1) !== 'COMPLETED'; i++) {
			const { status } = (await api('GET', `/models/predictions/${id}/status`, { token })).body;
			if (seen.at(-1) !== status) seen.push(status);
			await new Promise((r) => setTimeout(r, 20));
		}
		expect(seen).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
		expect(emu.primer.dataset(datasetId)?.models).toEqual([{ id: NEWS_TOPICS_MODEL, name: 'News topics' }]);

		const json = await rawGet(`${emu.apiUrl}/predictions/?dataset_id=${datasetId}&model_id=${NEWS_TOPICS_MODEL}&format=json`, token);
		expect(json.status).toBe(200);
		expect(json.headers['content-length']).toBeUndefined();
		expect(json.headers['transfer-encoding']).toBe('chunked');
		expect(json.chunks).toBeGreaterThan(3);
		const rows = JSON.parse(json.body);
		expect(rows).toHaveLength(95);
		expect(rows[1]).toMatchObject({ document_id: 'd1', model_type: 'CLF_MULTILABEL' });
		expect(rows[1].labels.find((l: { label: string }) => l.label === 'Politics').classification).toBe(true);

		const csv = await rawGet(`${emu.apiUrl}/predictions/?dataset_id=${datasetId}&model_id=${NEWS_TOPICS_MODEL}&format=CSV`, token);
		const lines = csv.body.trim().split('\r\n');
		expect(lines[0]).toBe('document_id,document_title,document_date,document_text,predicted_labels,Sports,Politics,Health,Business');
		expect(lines).toHaveLength(96);
		expect(lines[1]).toMatch(/^d0,,,Team 0 wins the match,Sports,0\.\d+,/);

		await api('POST', '/models/predictions', { token, body: { dataset_id: datasetId, model_id: ENTITIES_MODEL } });
		await new Promise((r) => setTimeout(r, 250));
		expect((await api('GET', '/predictions/', { token, query: { dataset_id: datasetId, model_id: ENTITIES_MODEL, format: 'CSV' } })).body).toEqual({
			message: 'For NER models the return format must be specified as JSON',
		});
	});

	test('a job can be made to fail; status reports FAILED with the reason', async () => {
		const token = (await login()).body.access_token as string;
		const datasetId = (await upload()).body.dataset_id;
		emu.primer.failNextJobs(1, 'model server out of memory');
		const id = (await api('POST', '/models/predictions', { token, body: { dataset_id: datasetId, model_id: NEWS_TOPICS_MODEL } })).body.request_predictions_id;
		await new Promise((r) => setTimeout(r, 250));
		expect((await api('GET', `/models/predictions/${id}/status`, { token })).body).toEqual({ status: 'FAILED', message: 'model server out of memory' });
		expect((await api('GET', '/models/predictions/999999/status', { token })).status).toBe(404);
		const invalid = await api('POST', '/models/predictions', { token, body: { dataset_id: 'x', model_id: NEWS_TOPICS_MODEL } });
		expect(invalid.body).toEqual({ message: 'Input payload validation failed', errors: { dataset_id: `"x" is not a 'uuid'` } });
	});
});

describe('faults', () => {
	test('generic faults use the platform error shape; after-commit faults apply the request and still fail', async () => {
		emu.faults.set([{ path: '/api/v1alpha/automate/datasets', method: 'GET', kind: 'http5xx', status: 502 }]);
		expect(await api('GET', '/datasets/')).toMatchObject({ status: 502, body: { message: '502 Bad Gateway' } });
		emu.faults.clear();
		const datasetId = (await upload()).body.dataset_id;
		emu.primer.failAfterCommit({ method: 'PATCH', path: 'datasets:upload', count: 1, status: 502 });
		const patched = await api('PATCH', '/datasets:upload', { raw: CSV, query: { filetype: 'csv', dataset_id: datasetId, header_matching_text: 'body' } });
		expect(patched.status).toBe(502);
		expect(emu.primer.documentCount(datasetId)).toBe(4);
		const again = await api('PATCH', '/datasets:upload', { raw: CSV, query: { filetype: 'csv', dataset_id: datasetId, header_matching_text: 'body' } });
		expect(again.status).toBe(200);
	});
});
