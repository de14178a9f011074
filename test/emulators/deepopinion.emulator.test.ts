import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../../clients/core';
import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../../emulators/deepopinion';
import { segment } from '../../emulators/deepopinion/text';
import { DATA_FILES, EXTRACTION_FILES, loginClient, xlsxOf } from '../clients/deepopinionFixtures';

let emulator: DeepOpinionEmulator;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
	emulator = await startDeepOpinionEmulator({ timing: { analysisMinMs: 300, analysisMsPerDocument: 0, queuedAfterMs: 100, trainingAfterMs: 250, readyAfterMs: 500, processingMs: 50 } });
});
afterAll(async () => emulator.close());

async function raw(method: string, path: string, body?: unknown, token = 'dev-token') {
	const res = await fetch(`${emulator.url}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
}

describe('DeepOpinion emulator', () => {
	test('login answers an auth_token; wrong password and missing/expired tokens answer 401 in the platform shape', async () => {
		const login = await fetch(`${emulator.url}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'dev@deepopinion.test', password: 'dev-password' }) });
		const { auth_token: token, status } = (await login.json()) as { auth_token: string; status: string };
		expect(status).toBe('OK');
		expect(token.split('.')).toHaveLength(3);
		expect((await raw('GET', '/auth/status', undefined, token)).body).toMatchObject({ status: 'OK', data: { user_id: 1, email: 'dev@deepopinion.test' } });
		const bad = await fetch(`${emulator.url}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'dev@deepopinion.test', password: 'nope' }) });
		expect(bad.status).toBe(401);
		expect(await bad.json()).toEqual({ status: 'fail', message: 'Email or password does not match.' });
		expect((await raw('GET', '/projects', undefined, '')).status).toBe(401);
		emulator.deepopinion.expireTokens();
		await sleep(5);
		expect(await raw('GET', '/projects', undefined, token)).toEqual({ status: 401, body: { status: 'fail', message: 'Signature expired. Please log in again.' } });
		// Bare tokens (as the docs' example shows) are accepted too.
		expect((await fetch(`${emulator.url}/projects`, { headers: { Authorization: 'dev-token' } })).status).toBe(200);
	});

	test('the client logs in again after its token expired', async () => {
		const client = loginClient(emulator.url);
		await client.listProjects();
		emulator.deepopinion.expireTokens();
		await sleep(5);
		expect(Array.isArray(await client.listProjects())).toBe(true);
		const logins = emulator.stats().byRoute['POST /auth/login'].count;
		expect(logins).toBeGreaterThanOrEqual(3);
	});

	test('sentence split: segments and spans', () => {
		const text = 'The staff was friendly. The room was dirty!\nBreakfast ok';
		const segs = segment(text, true);
		expect(segs.map((s) => s.text)).toEqual(['The staff was friendly.', 'The room was dirty!', 'Breakfast ok']);
		for (const s of segs) expect(text.slice(s.span[0], s.span[1])).toBe(s.text);
		expect(segment(text, false)).toEqual([{ text, span: [0, text.length] }]);
	});

	test('projects of each type: ABSA has fixed sentiment labels, LABEL takes no classes, CLASS no labels', async () => {
		const client = loginClient(emulator.url);
		const absa = await client.createProject({ name: 'hotel-absa', type: 'ABSA' });
		expect(absa.labels).toEqual(['POS', 'NEG', 'NEU']);
		await expect(client.createLabel(absa.id, { name: 'X' })).rejects.toThrow('You cannot add labels to an ABSA project');
		const label = await client.createProject({ name: 'tickets-label', type: 'LABEL' });
		await expect(client.createClass(label.id, { name: 'Billing' })).rejects.toThrow('You cannot add classes to a LABEL project');
		const cls = await client.createProject({ name: 'tickets-class', type: 'CLASS' });
		await expect(client.createLabel(cls.id, { name: 'urgent' })).rejects.toThrow('You cannot add labels to a CLASS project');
		const both = await client.createProject({ name: 'tickets-both', type: 'CLASSLABEL' });
		await client.createClass(both.id, { name: 'Billing', example: 'invoice refund charged' });
		await client.createLabel(both.id, { name: 'urgent' });
		expect(await client.getProject(both.id)).toMatchObject({ type: 'CLASSLABEL', classes: ['Billing'], labels: ['urgent'] });
	});

	test('file uploads answer id + preview rows; file_id + column / column_name create documents', async () => {
		const client = loginClient(emulator.url);
		const project = await client.createProject({ name: 'uploads', type: 'ABSA' });
		for (const [format, file] of Object.entries(DATA_FILES)) {
			const preview = await client.uploadGroupFile(project.id, file());
			expect(preview.id).toMatch(/^[0-9a-f-]{36}$/);
			expect(Array.isArray(preview.preview[0])).toBe(true);
			if (format === 'csv') expect(preview.preview.slice(0, 2)).toEqual([['id', 'review', 'source'], ['1', 'The staff was friendly. The room was dirty.', 'a']]);
			if (format === 'txt') expect(preview.preview).toEqual([['text'], ['The staff was friendly.'], ['The room was dirty.'], ['Breakfast was great!']]);
		}
		const csv = await client.uploadGroupFile(project.id, DATA_FILES.csv());
		const byName = await client.createGroup(project.id, { name: 'by name', file_id: csv.id, column_name: 'review', split: true });
		expect(byName).toMatchObject({ document_count: 3, source: 'UPLOAD' });
		const byIndex = await client.createGroup(project.id, { name: 'by index', file_id: csv.id, column: 2 });
		const docs = await client.getAllGroupDocuments(project.id, byIndex.id, { details: ['segments'] });
		expect(docs.map((d) => d.text)).toEqual(['a', 'b', 'a']);
		const split = await client.getAllGroupDocuments(project.id, byName.id, { details: ['segments'] });
		expect(split[0].segments?.map((s) => s.text)).toEqual(['The staff was friendly.', 'The room was dirty.']);
		await expect(client.createGroup(project.id, { file_id: csv.id, column_name: 'missing' })).rejects.toThrow('the file has no column "missing"');
		const objects = await client.uploadGroupFile(project.id, DATA_FILES.json(), { toList: false });
		expect(objects.preview[0]).toEqual({ id: 1, review: 'The staff was friendly.' });
	});

	test('a wrong extension gets 415 and an empty file 400 from the emulator itself', async () => {
		const form = (name: string, data: Uint8Array) => {
			const f = new FormData();
			f.append('file', new Blob([data]), name);
			return f;
		};
		const up = async (name: string, data: Uint8Array) => {
			const res = await fetch(`${emulator.url}/analyses/upload`, { method: 'POST', headers: { Authorization: 'Bearer dev-token' }, body: form(name, data) });
			return { status: res.status, body: await res.json() };
		};
		expect(await up('doc.docx', new Uint8Array([1, 2]))).toEqual({ status: 415, body: { status: 'fail', message: expect.stringContaining('accepted file types are .csv, .txt, .json, .jsonl and .xlsx') } });
		expect(await up('empty.csv', new Uint8Array())).toEqual({ status: 400, body: { status: 'fail', message: 'file: "empty.csv" is empty' } });
	});

	test('analyses advance CREATED -> STARTED -> FINISHED; documents have segments and deterministic tags; documents page with has_more', async () => {
		const client = loginClient(emulator.url);
		const rows: unknown[][] = [['id', 'review']];
		for (let i = 0; i < 250; i++) rows.push([i, i % 2 ? 'The staff was friendly. The room was dirty.' : 'Breakfast was great!']);
		const upload = await client.uploadAnalysisFile({ fileName: 'r.xlsx', data: xlsxOf(rows) });
		const created = await client.createAnalysis({ file_id: upload.id, column_name: 'review', name: 'batch', split: true, model_id: 1 });
		expect(created).toMatchObject({ status: 'CREATED', progress: expect.any(Number), document_count: 250, finished: null, type: 'ABSA' });
		await expect(client.listAnalysisDocuments(created.id)).rejects.toThrow(/is (CREATED|STARTED)/);
		const seen = new Set<string>();
		for (let i = 0; i < 40; i++) {
			const a = await client.getAnalysis(created.id);
			seen.add(a.status as string);
			if (a.status === 'FINISHED') {
				expect(a.progress).toBe(100);
				expect(a.finished).toEqual(expect.any(String));
				break;
			}
			await sleep(25);
		}
		expect([...seen]).toEqual(expect.arrayContaining(['STARTED', 'FINISHED']));
		const page = await client.listAnalysisDocuments(created.id, { details: ['segments', 'tags'], limit: 100 });
		expect(page).toMatchObject({ hasMore: true, offset: 0, count: 100 });
		expect(page.items[1].segments).toEqual([
			{ id: expect.any(Number), text: 'The staff was friendly.', span: [0, 23], tags: [{ class: 'Staff', label: 'POS' }] },
			{ id: expect.any(Number), text: 'The room was dirty.', span: [24, 43], tags: expect.arrayContaining([{ class: 'Comfort', label: 'NEG' }, { class: 'Cleanliness', label: 'NEG' }]) },
		]);
		const all = await client.getAllAnalysisDocuments(created.id, { details: ['segments', 'tags', 'meta'] }, { pageSize: 60 });
		expect(all).toHaveLength(250);
		expect(all[249].meta).toEqual({ id: 249 });
	});

	test('training goes CREATED -> QUEUED -> TRAINING -> READY with metrics, or FAILED without documents; a notification follows', async () => {
		const client = loginClient(emulator.url);
		const project = await client.createProject({ name: 'train-me', type: 'CLASS' });
		await client.createClass(project.id, { name: 'Billing' });
		const session = await client.createLabelingSession(project.id, { name: 's1', documents: [{ text: 'invoice wrong', segments: [{ text: 'invoice wrong', tags: [{ class: 'Billing' }] }] }] });
		const model = await client.trainModel(project.id, { display_name: 'Billing v1', annotation_ids: [session.id] });
		expect(model.status).toBe('CREATED');
		const statuses: string[] = [];
		for (let i = 0; i < 60 && statuses.at(-1) !== 'READY'; i++) {
			const m = await client.getProjectModel(project.id, model.id);
			if (statuses.at(-1) !== m.status) statuses.push(m.status as string);
			await sleep(15);
		}
		expect(statuses).toEqual(['CREATED', 'QUEUED', 'TRAINING', 'READY']);
		expect((await client.getModel(model.id)).metrics).toMatchObject({ f1: expect.any(Number), precision: expect.any(Number), recall: expect.any(Number), train_size: 1 });
		const empty = await client.createLabelingSession(project.id, { name: 'empty', document_ids: [] });
		const failing = await client.trainModel(project.id, { display_name: 'Nothing', annotation_ids: [empty.id] });
		await sleep(600);
		expect((await client.getModel(failing.id)).status).toBe('FAILED');
		const notes = await client.getAllNotifications(1);
		expect(notes.map((n) => n.title)).toEqual(expect.arrayContaining(['Model is ready', 'Model training failed']));
	});

	test('extraction: matches, bboxes, annotated pages and hitl.status; completing reviews POSTs the HITL webhook', async () => {
		const received: Array<{ path: string; body: any }> = [];
		const server = http.createServer((req, res) => {
			let data = '';
			req.on('data', (c) => (data += c));
			req.on('end', () => {
				received.push({ path: req.url ?? '', body: JSON.parse(data) });
				res.writeHead(204).end();
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		try {
			const client = loginClient(emulator.url);
			const project = await client.createProject({ name: 'invoices', type: 'LABEL' });
			const hitl = await client.createHitl(project.id, { name: 'Invoice review', model_id: 1, is_live: true, webhook_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` });
			const result = await client.extract(1, project.id, 1, EXTRACTION_FILES.pdf(), { returnBboxes: true, returnAnnotatedPages: true });
			const doc = result.documents[0];
			expect(doc.matches).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'First name', value: 'John' }), expect.objectContaining({ label: 'Total', value: '99.50' })]));
			expect(doc.bboxes?.[0]).toEqual([expect.arrayContaining([expect.objectContaining({ label: 'First name', text: 'John', TLx: expect.any(Number) })])]);
			expect(doc.annotated_pages).toHaveLength(1);
			// Found values score >= 0.9; the default threshold is 90%: some may need review, deterministic per file.
			const thresholds = Object.fromEntries(['First name', 'Last name', 'Invoice number', 'Total'].map((l) => [l, 100]));
			await raw('PUT', `/projects/${project.id}/hitls/${hitl.id}`, { labels: thresholds });
			const pending = await client.extract(1, project.id, 1, EXTRACTION_FILES.png());
			expect(pending.documents[0].hitl).toMatchObject({ status: 'pending', hitl_id: hitl.id, review_ids: expect.any(Array) });
			const reviews = await client.listHitlReviews(project.id, hitl.id);
			const mine = reviews.filter((r) => r.document_id === pending.documents[0].document_id);
			expect(mine).toHaveLength(4);
			expect(mine.every((r) => r.status === 'PENDING')).toBe(true);
			emulator.deepopinion.completeReviews({ review_ids: mine.slice(0, 3).map((r) => r.review_id) });
			await sleep(50);
			expect(received).toHaveLength(0); // the document still has a pending review
			emulator.deepopinion.completeReviews({ document_id: pending.documents[0].document_id, values: { Total: '12.00' } });
			for (let i = 0; i < 50 && received.length === 0; i++) await sleep(10);
			expect(received).toHaveLength(1);
			expect(received[0]).toMatchObject({ path: '/hook', body: { event: 'hitl.review.completed', hitl_id: hitl.id, document_id: pending.documents[0].document_id, status: 'COMPLETED', review_ids: mine.map((r) => r.review_id) } });
			const full = await client.listHitlReviews(project.id, hitl.id, { withFullData: true });
			expect(full.find((r) => r.label === 'Total' && r.document_id === pending.documents[0].document_id)).toMatchObject({ status: 'COMPLETED', data: { reviewed_value: '12.00' } });
			for (const format of Object.keys(EXTRACTION_FILES)) expect((await client.extract(1, project.id, 1, EXTRACTION_FILES[format]())).documents).toHaveLength(1);
		} finally {
			server.close();
		}
	});

	test('fault injection answers in the platform shape and the client retries idempotent calls', async () => {
		const client = loginClient(emulator.url);
		emulator.faults.set([{ path: '/projects', method: 'GET', kind: 'http5xx', status: 503, rate: 1 }]);
		await expect(client.listProjects()).rejects.toBeInstanceOf(ApiError);
		emulator.faults.set([{ path: '^/projects$', method: 'GET', kind: 'http429', retryAfter: 0, rate: 0.5 }]);
		expect(Array.isArray(await client.listProjects())).toBe(true);
		emulator.faults.clear();
	});
});
