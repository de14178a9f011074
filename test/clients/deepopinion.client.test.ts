import fs from 'node:fs';
import path from 'node:path';
import { ApiError, byteSourceOf, isByteSource, readByteSource, ValidationError, type ByteSource, type HttpRequest, type HttpResponse } from '../../clients/core';
import { DEEPOPINION_ROUTES, DeepOpinionClient, deepOpinionAuth, DOCUMENTED_OPERATIONS, INFERRED_OPERATIONS, checkUploadFile, toPage, type DeepOpinionRoute } from '../../clients/deepopinion';
import { DATA_FILES, EXTRACTION_FILES } from './deepopinionFixtures';

/** A scripted transport: answers from `reply`, records every request. */
function fakeTransport(reply: (req: HttpRequest, n: number) => HttpResponse<unknown>) {
	const requests: HttpRequest[] = [];
	const transport = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
		requests.push(req);
		return reply(req, requests.length) as HttpResponse<T>;
	};
	return { requests, transport };
}
const ok = (body: unknown, status = 200): HttpResponse<unknown> => ({ status, headers: {}, body });
const noSleep = async () => undefined;

describe('route table', () => {
	const tsv = fs
		.readFileSync(path.join(__dirname, 'deepopinion-routes.tsv'), 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split('\t'))
		.map(([method, p]) => `${method} ${p}`);

	test('93 documented operations; every non-inferred path is one of the generated client (API 1.6.2); inferred ones are not', () => {
		expect(DOCUMENTED_OPERATIONS).toHaveLength(93);
		for (const op of Object.keys(DEEPOPINION_ROUTES) as Array<keyof typeof DEEPOPINION_ROUTES>) {
			const route = DEEPOPINION_ROUTES[op] as DeepOpinionRoute;
			const key = `${route.method} ${route.path}`;
			if (route.inferred) expect([op, tsv.includes(key)]).toEqual([op, false]);
			else expect([op, tsv.includes(key)]).toEqual([op, true]);
		}
		expect(INFERRED_OPERATIONS.sort()).toEqual(['assignHitl', 'createHitl', 'extract', 'getHitl', 'getProjectTask', 'listHitlReviews', 'listHitls', 'markPageAnnotated', 'pullGroupFromSource', 'pullLabelingSessionFromSource', 'updateHitl', 'updateLabelByName']);
		const keys = Object.values(DEEPOPINION_ROUTES).map((r) => `${r.method} ${r.path}`);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('DeepOpinionClient', () => {
	test('bad input is refused before any request, naming every field', async () => {
		const { requests, transport } = fakeTransport(() => ok({}));
		const client = new DeepOpinionClient({ baseUrl: 'http://do.test', transport, sleep: noSleep });
		await expect(client.getClass(0, 1.5)).rejects.toThrow('Invalid input for DeepOpinion getClass: field "project_id" must be a whole number >= 1, got 0; field "class_id" must be a whole number >= 1, got 1.5');
		await expect(client.createProject({ name: ' ', type: 'SENTIMENT' as never })).rejects.toThrow('field "name" is required and must be non-empty text, got " "; field "type" must be one of ABSA, CLASS, LABEL, CLASSLABEL, got "SENTIMENT"');
		await expect(client.analyze({ model_id: 1, documents: [{ text: 'a' }, { text: '' }, { text: 'c' }] }, [4, 5, 6])).rejects.toMatchObject({ issues: [{ itemIndex: 5, field: 'text' }] });
		await expect(client.createAnalysis({ file_id: 'f' })).rejects.toThrow('field "column" or column_name is required with file_id');
		await expect(client.listAnalysisDocuments(3, { limit: 5000 })).rejects.toThrow('field "limit" must be a whole number from 1 to 1000, got 5000');
		await expect(client.trainModel(1, { display_name: 'x' })).rejects.toThrow('field "annotation_ids" or trainset_annotation_ids is required');
		await expect(client.createHitl(1, { name: 'x'.repeat(121) })).rejects.toThrow('field "name" must be at most 120 characters, got 121');
		await expect(client.updateHitl(1, 2, { webhook_url: 'ftp://nope' })).rejects.toThrow('field "webhook_url" must be an http(s) URL');
		await expect(client.inviteUsers(1, 'OWNER' as never, [])).rejects.toThrow('field "role" must be one of USER, VIEWER, ANNOTATOR, ADMIN, MANAGER, got "OWNER"; field "emails" must contain at least one email address');
		await expect(client.uploadAnalysisFile({ fileName: 'x.pdf', data: EXTRACTION_FILES.pdf().data })).rejects.toThrow('"x.pdf" has the extension .pdf, which this upload does not accept');
		await expect(client.extract(1, 1, 1, { fileName: 'scan.png', data: new Uint8Array([1, 2, 3]) })).rejects.toThrow('"scan.png" does not look like a PNG image');
		expect(requests).toHaveLength(0);
	});

	test('upload checks: every accepted format passes with its content type; empty, unnamed and mismatched files fail', () => {
		for (const [ext, make] of Object.entries(DATA_FILES)) expect([ext, checkUploadFile('data', make()).issues]).toEqual([ext, []]);
		for (const [ext, make] of Object.entries(EXTRACTION_FILES)) expect([ext, checkUploadFile('extraction', make()).issues]).toEqual([ext, []]);
		expect(checkUploadFile('data', DATA_FILES.xlsx()).contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(checkUploadFile('extraction', EXTRACTION_FILES.tif()).contentType).toBe('image/tiff');
		expect(checkUploadFile('data', { fileName: 'a.csv', data: new Uint8Array() }).issues[0].problem).toBe('"a.csv" is empty (0 bytes)');
		expect(checkUploadFile('data', { fileName: '', data: new Uint8Array([1]) }).issues[0].problem).toBe('needs a file name with an extension');
		expect(checkUploadFile('data', { fileName: 'a.xlsx', data: new TextEncoder().encode('id,text') }).issues[0].problem).toBe('"a.xlsx" does not look like an XLSX workbook (a zip file): check that the extension matches the content');
		expect(checkUploadFile('data', { fileName: 'a.json', data: new TextEncoder().encode('id,text') }).issues[0].problem).toBe('"a.json" is not JSON (it should start with [ or {)');
		expect(checkUploadFile('model', { fileName: 'weights.bin', data: new Uint8Array([0]) }).issues).toEqual([]);
	});

	test('uploads are multipart with the file and its fields; a 5xx is not repeated for a non-idempotent upload', async () => {
		const { requests, transport } = fakeTransport((_req, n) => (n === 1 ? ok({ message: 'busy' }, 503) : ok({ id: 'f1', preview: [] })));
		const client = new DeepOpinionClient({ baseUrl: 'http://do.test/', transport, sleep: noSleep });
		await expect(client.uploadGroupFile(7, DATA_FILES.csv(), { toList: false })).rejects.toThrow('DeepOpinion uploadGroupFile failed with HTTP 503: busy');
		expect(requests).toHaveLength(1);
		const req = requests[0];
		expect(req.url).toBe('http://do.test/projects/7/groups/upload');
		const form = await new Response(req.body as Uint8Array, { headers: { 'content-type': req.headers!['Content-Type'] } }).formData();
		expect((form.get('file') as File).name).toBe('reviews.csv');
		expect((form.get('file') as File).type).toBe('text/csv');
		expect(form.get('to_list')).toBe('false');
	});

	test('a file streamed from a ByteSource: checked on its first bytes and size, sent as a streamed multipart body', async () => {
		// Only the head of the source may be read for the checks: a source that is never read past it.
		let opened = 0;
		const csv = DATA_FILES.csv().data;
		const source: ByteSource = { size: csv.length, open: () => (opened++, byteSourceOf(csv).open()) };
		expect(checkUploadFile('data', { fileName: 'a.csv', data: source }, 'file', undefined, csv.subarray(0, 10)).issues).toEqual([]);
		expect(checkUploadFile('data', { fileName: 'a.xlsx', data: source }, 'file', undefined, csv.subarray(0, 10)).issues[0].problem).toContain('does not look like an XLSX workbook');
		expect(checkUploadFile('data', { fileName: 'a.csv', data: { size: 0, open: byteSourceOf(new Uint8Array()).open } }).issues[0].problem).toBe('"a.csv" is empty (0 bytes)');
		expect(checkUploadFile('data', { fileName: 'a.csv', data: { size: 200 * 1024 * 1024, open: source.open } }).issues[0].problem).toBe('"a.csv" is larger than 100 MB');

		const { requests, transport } = fakeTransport(() => ok({ id: 'f1', preview: [['id', 'review', 'source']] }));
		const client = new DeepOpinionClient({ baseUrl: 'http://do.test/', transport, sleep: noSleep });
		// Content that contradicts the extension is refused from the head alone, before anything is sent.
		const binary = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
		await expect(client.uploadAnalysisFile({ fileName: 'x.csv', data: byteSourceOf(binary) })).rejects.toThrow('is binary data, not a .csv text file');
		expect(requests).toHaveLength(0);
		await expect(client.uploadAnalysisFile({ fileName: 'reviews.csv', data: source })).resolves.toMatchObject({ id: 'f1' });
		const req = requests[0];
		expect(isByteSource(req.body)).toBe(true);
		const body = await readByteSource(req.body as ByteSource);
		expect((req.body as ByteSource).size).toBe(body.length);
		const file = (await new Response(body, { headers: { 'content-type': req.headers!['Content-Type'] } }).formData()).get('file') as File;
		expect(file.name).toBe('reviews.csv');
		expect(file.type).toBe('text/csv');
		expect(new Uint8Array(await file.arrayBuffer())).toEqual(csv);
		// The head for the checks, the boundary check, and the one read of the body above.
		expect(opened).toBe(3);
	});

	test('lists: envelopes with has_more, bare arrays (a full page means more), Return All across pages', async () => {
		expect(toPage({ models: [{ id: 1 }], has_more: true, offset: 0, limit: 1, count: 1 }, 'models', 0, 1)).toEqual({ items: [{ id: 1 }], hasMore: true, offset: 0, limit: 1, count: 1 });
		expect(toPage([1, 2], 'x', 4, 2)).toEqual({ items: [1, 2], hasMore: true, offset: 4, limit: 2 });
		expect(toPage([1], 'x', 4, 2).hasMore).toBe(false);
		// The docs' sample has one document object instead of a list: it is wrapped.
		expect(toPage({ documents: { text: 'a' }, has_more: false }, 'documents', 0, 10).items).toEqual([{ text: 'a' }]);
		const all = Array.from({ length: 250 }, (_, i) => ({ id: i + 1, text: `d${i}` }));
		const { requests, transport } = fakeTransport((req) => {
			const url = new URL(req.url);
			const offset = Number(url.searchParams.get('offset'));
			const limit = Number(url.searchParams.get('limit'));
			return ok({ documents: all.slice(offset, offset + limit), has_more: offset + limit < all.length });
		});
		const client = new DeepOpinionClient({ baseUrl: 'http://do.test', transport, sleep: noSleep });
		const docs = await client.getAllAnalysisDocuments(9, { details: ['segments', 'tags'], classes: [1, 746] }, { pageSize: 100 });
		expect(docs).toHaveLength(250);
		expect(requests.map((r) => r.url)).toEqual([0, 100, 200].map((o) => `http://do.test/analyses/9/documents?details=segments%2Ctags&classes=1%2C746&offset=${o}&limit=100`));
		const limited = await client.getAllAnalysisDocuments(9, {}, { limit: 5 });
		expect(limited).toHaveLength(5);
		expect(requests.at(-1)!.url).toContain('limit=5');
	});

	test('login: once, sent as Bearer; after a 401 it logs in again and repeats the call once; secrets are redacted', async () => {
		let valid = 'tok-1';
		let logins = 0;
		const { requests, transport } = fakeTransport((req) => {
			if (req.url.endsWith('/auth/login')) {
				logins++;
				return ok({ auth_token: (valid = `tok-${logins}`), status: 'OK' });
			}
			return req.headers?.Authorization === `Bearer ${valid}` ? ok([{ id: 1, name: 'p', type: 'ABSA' }]) : ok({ status: 'fail', message: 'Signature expired. Please log in again.' }, 401);
		});
		const login = { email: 'a@b.test', password: 'super-secret-pw' };
		const client = new DeepOpinionClient({ baseUrl: 'http://do.test', transport, sleep: noSleep, auth: deepOpinionAuth({ baseUrl: 'http://do.test', transport, sleep: noSleep, login }) });
		await client.listProjects();
		await client.listProjects();
		expect(logins).toBe(1);
		valid = 'rotated-on-server';
		await client.listProjects();
		expect(logins).toBe(2);
		expect(requests.filter((r) => r.url.endsWith('/auth/login')).map((r) => r.body)).toEqual([login, login]);

		const { transport: refusing } = fakeTransport((req) => (req.url.endsWith('/auth/login') ? ok({ auth_token: 'super-secret-pw-token' }) : ok({ message: 'bad token super-secret-pw-token' }, 401)));
		const stuck = new DeepOpinionClient({ baseUrl: 'http://do.test', transport: refusing, sleep: noSleep, auth: deepOpinionAuth({ baseUrl: 'http://do.test', transport: refusing, sleep: noSleep, login }) });
		const error = (await stuck.listProjects().catch((e: unknown) => e)) as ApiError;
		expect(error).toBeInstanceOf(ApiError);
		expect(error.status).toBe(401);
		expect(JSON.stringify(error.body) + error.message).not.toContain('super-secret-pw');
	});

	test('a pre-issued token is not "refreshed"; error texts of every shape are read', async () => {
		const { requests, transport } = fakeTransport(() => ok({ message: 'Input payload validation failed', errors: { name: "'name' is a required property" } }, 400));
		const client = new DeepOpinionClient({ baseUrl: 'http://do.test', transport, sleep: noSleep, auth: deepOpinionAuth({ baseUrl: 'http://do.test', transport, sleep: noSleep, login: { token: 'jwt' } }) });
		await expect(client.getProject(1)).rejects.toThrow("DeepOpinion getProject failed with HTTP 400: Input payload validation failed (name: 'name' is a required property)");
		expect(requests[0].headers?.Authorization).toBe('Bearer jwt');
		const { transport: unauthorized } = fakeTransport(() => ok('Unauthorized', 401));
		const tokenClient = new DeepOpinionClient({ baseUrl: 'http://do.test', transport: unauthorized, sleep: noSleep, auth: deepOpinionAuth({ baseUrl: 'http://do.test', transport: unauthorized, sleep: noSleep, login: { token: 'jwt' } }) });
		await expect(tokenClient.getProject(1)).rejects.toThrow('failed with HTTP 401: Unauthorized');
		expect(ValidationError).toBeDefined();
	});
});
