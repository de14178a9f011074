import type { IHttpRequestOptions } from 'n8n-workflow';
import { DeepOpinionApi } from '../../credentials/DeepOpinionApi.credentials';
import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../../emulators/deepopinion';
import { searchHitls, searchModels, searchProjects } from '../../nodes/DeepOpinion/methods/listSearch';
import { DATA_FILES, EXTRACTION_FILES } from '../clients/deepopinionFixtures';
import { byId, fileItem, loginCredentials, runDeepOpinion, tokenCredentials, EMAIL, PASSWORD } from './deepopinionWorkflow';

let emulator: DeepOpinionEmulator;
let projectId: number;

beforeAll(async () => {
	emulator = await startDeepOpinionEmulator({ tokens: ['pre-issued-token'], timing: { analysisMinMs: 50, analysisMsPerDocument: 0 } });
	const created = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'project', operation: 'create', name: 'Invoices', type: 'LABEL' });
	projectId = created.json[0].id;
});
afterAll(async () => emulator.close());

const requests = (key: string) => emulator.stats().byRoute[key]?.count ?? 0;

describe('uploads from n8n binary data', () => {
	test.each(Object.keys(DATA_FILES))('data format .%s is uploaded for a batch analysis and previewed', async (format) => {
		const file = DATA_FILES[format]();
		const result = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'analysis', operation: 'uploadFile', binaryPropertyName: 'data' }, [fileItem(file.fileName, file.data)]);
		expect(result.status).toBe('success');
		expect(result.json[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), preview: expect.any(Array) });
		expect(result.json[0].preview.length).toBeGreaterThan(1);
	});

	test.each(Object.keys(EXTRACTION_FILES))('extraction format .%s is sent for extraction', async (format) => {
		const file = EXTRACTION_FILES[format]();
		const result = await runDeepOpinion(
			loginCredentials(emulator.url),
			{ resource: 'extraction', operation: 'extract', workspaceId: 1, project: byId(projectId), model: byId(1), binaryPropertyName: 'data', options: {} },
			[fileItem(file.fileName, file.data)],
		);
		expect(result.status).toBe('success');
		expect(result.json[0].documents[0]).toMatchObject({ name: file.fileName, matches: expect.any(Array), hitl: { status: expect.any(String) } });
	});

	const rejected: Array<[string, string, Uint8Array, string, string]> = [
		['a wrong extension (data upload)', 'report.docx', new Uint8Array([0x50, 0x4b, 3, 4]), 'analysis', '"report.docx" has the extension .docx, which this upload does not accept (accepted: .csv, .txt, .json, .jsonl, .xlsx)'],
		['an empty file (data upload)', 'empty.csv', new Uint8Array(), 'analysis', '"empty.csv" is empty (0 bytes)'],
		['a wrong extension (extraction)', 'scan.gif', new TextEncoder().encode('GIF89a....'), 'extraction', '"scan.gif" has the extension .gif, which this upload does not accept (accepted: .pdf, .jpeg, .jpg, .png, .tiff, .tif, .webp)'],
		['an empty file (extraction)', 'invoice.pdf', new Uint8Array(), 'extraction', '"invoice.pdf" is empty (0 bytes)'],
		['content that contradicts the extension', 'invoice.pdf', new TextEncoder().encode('just text'), 'extraction', '"invoice.pdf" does not look like a PDF (it should start with %PDF-): check that the extension matches the content'],
		['binary data named .json', 'data.json', new Uint8Array([0x7b, 0, 1, 2]), 'analysis', '"data.json" is binary data, not a .json text file'],
	];

	test.each(rejected)('%s is rejected with a clear error before any upload', async (_what, fileName, data, kind, problem) => {
		const before = requests('POST /analyses/upload') + requests('POST /organizations/:organization_id/projects/:project_id/models/:model_id/extract');
		const params =
			kind === 'analysis'
				? { resource: 'analysis', operation: 'uploadFile', binaryPropertyName: 'data' }
				: { resource: 'extraction', operation: 'extract', workspaceId: 1, project: byId(projectId), model: byId(1), binaryPropertyName: 'data', options: {} };
		const fine = kind === 'analysis' ? DATA_FILES.csv() : EXTRACTION_FILES.pdf();
		const result = await runDeepOpinion(loginCredentials(emulator.url), params, [fileItem(fine.fileName, fine.data), fileItem(fileName, data)]);
		expect(result.status).toBe('error');
		const operation = kind === 'analysis' ? 'uploadAnalysisFile' : 'extract';
		expect(result.error?.message).toBe(`Invalid input for DeepOpinion ${operation}: Item 1: field "file" ${problem}`.replace('Item 1: ', ''));
		expect(result.error?.context).toMatchObject({ itemIndex: 1 });
		// Item 0 went out (it is valid); item 1 never did.
		const after = requests('POST /analyses/upload') + requests('POST /organizations/:organization_id/projects/:project_id/models/:model_id/extract');
		expect(after - before).toBe(1);
	});

	test('with Continue On Fail a bad file becomes an error item and the others are uploaded', async () => {
		const result = await runDeepOpinion(
			loginCredentials(emulator.url),
			{ resource: 'analysis', operation: 'uploadFile', binaryPropertyName: 'data' },
			[fileItem('a.csv', DATA_FILES.csv().data), fileItem('b.exe', new Uint8Array([1])), fileItem('c.txt', DATA_FILES.txt().data)],
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.json.map((j) => (j.error ? 'error' : 'ok'))).toEqual(['ok', 'error', 'ok']);
		expect(result.json[1].error).toContain('"b.exe" has the extension .exe');
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('a missing binary field names the item and the field', async () => {
		const result = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'analysis', operation: 'uploadFile', binaryPropertyName: 'attachment' }, [fileItem('a.csv', DATA_FILES.csv().data)]);
		expect(result.error?.message).toBe('Invalid input for DeepOpinion input: Item 0: field "attachment" is not a binary field of this item (binary fields: data)');
	});
});

describe('bad input is rejected before any write', () => {
	test('one empty document among the input items stops the batch analysis before it is created', async () => {
		const before = requests('POST /analyses');
		const result = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'analysis', operation: 'create', model: byId(1), documentsInput: 'items', text: '={{ $json.t }}' }, [{ t: 'Good staff' }, { t: 'Nice room' }, { t: '' }, { t: 'Late breakfast' }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Invalid input for DeepOpinion createAnalysis: Item 2: field "text" is required and must be non-empty text');
		expect(requests('POST /analyses')).toBe(before);
	});

	test('invalid IDs and enums name the field', async () => {
		const badId = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'class', operation: 'get', project: byId(projectId), classId: 0 });
		expect(badId.error?.message).toBe('Invalid input for DeepOpinion getClass: field "class_id" must be a whole number >= 1, got 0');
		expect(badId.error?.context).toMatchObject({ itemIndex: 0 });
		const badEmail = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'workspace', operation: 'inviteUsers', workspaceId: 1, emails: 'ann@example.com, nope', role: 'USER' });
		expect(badEmail.error?.message).toBe('Invalid input for DeepOpinion inviteUsers: field "emails[1]" must be an email address, got "nope"');
		const missingColumn = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'analysis', operation: 'create', model: byId(1), documentsInput: 'file', binaryPropertyName: 'data', column: '={{ $json.col }}' }, [fileItem('a.csv', DATA_FILES.csv().data, 'text/csv', { col: '' })]);
		expect(missingColumn.error?.message).toBe('Invalid input for DeepOpinion input: Item 0: field "column" is required: the name or 0-based index of the column holding the documents');
		const badJson = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'analysis', operation: 'analyze', model: byId(1), documentsInput: 'json', documentsJson: '[{"text": }]', split: true });
		expect(badJson.error?.message).toMatch(/^Invalid input for DeepOpinion input: Item 0: field "documents" is not valid JSON/);
	});

	test('the platform\'s own errors come back with its message and status', async () => {
		const result = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'label', operation: 'create', project: byId(1), name: 'x' });
		const absa = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'project', operation: 'create', name: 'ABSA one', type: 'ABSA' });
		const onAbsa = await runDeepOpinion(loginCredentials(emulator.url), { resource: 'label', operation: 'create', project: byId(absa.json[0].id), name: 'x' });
		expect(result.status).toBe('success');
		expect(onAbsa.error).toMatchObject({ message: 'DeepOpinion createLabel failed with HTTP 400: You cannot add labels to an ABSA project', httpCode: '400' });
	});
});

describe('credential', () => {
	test('email/password: n8n logs in (preAuthentication) and again after the token expired', async () => {
		const credentials = loginCredentials(emulator.url);
		const logins = () => requests('POST /auth/login');
		const start = logins();
		expect((await runDeepOpinion(credentials, { resource: 'project', operation: 'getAll', returnAll: true })).status).toBe('success');
		expect(logins()).toBe(start + 1);
		const firstToken = credentials.deepOpinionApi.authToken;
		expect(String(firstToken).split('.')).toHaveLength(3);
		expect((await runDeepOpinion(credentials, { resource: 'project', operation: 'getAll', returnAll: true })).status).toBe('success');
		expect(logins()).toBe(start + 1); // the stored token is reused
		emulator.deepopinion.expireTokens();
		await new Promise((r) => setTimeout(r, 5));
		const after = await runDeepOpinion(credentials, { resource: 'project', operation: 'getAll', returnAll: true });
		expect(after.status).toBe('success');
		expect(logins()).toBe(start + 2);
		expect(credentials.deepOpinionApi.authToken).not.toBe(firstToken);
	});

	test('a pre-issued token is sent as is; a wrong password fails with the platform message', async () => {
		expect((await runDeepOpinion(tokenCredentials(emulator.url, 'pre-issued-token'), { resource: 'user', operation: 'get', userId: 0 })).json[0]).toMatchObject({ email: EMAIL });
		const wrong = await runDeepOpinion(loginCredentials(emulator.url, EMAIL, 'wrong-password'), { resource: 'project', operation: 'getAll', returnAll: true });
		expect(wrong.status).toBe('error');
		expect(JSON.stringify(wrong.error?.raw)).not.toContain('wrong-password');
	});

	test('the credential test request authenticates with the logged-in token', async () => {
		const credential = new DeepOpinionApi();
		const httpRequest = async (options: IHttpRequestOptions) => {
			const res = await fetch(options.url, { method: options.method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(options.body) });
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			return res.json();
		};
		const data = { authMethod: 'login', email: EMAIL, password: PASSWORD, baseUrl: `${emulator.url}/` };
		const { authToken } = await credential.preAuthentication.call({ helpers: { httpRequest } } as never, data);
		const options = await credential.authenticate({ ...data, authToken }, { url: '', headers: {} });
		const test = credential.test.request;
		expect(test.url).toBe('/auth/status');
		const res = await fetch(`${emulator.url}${test.url}`, { headers: options.headers as Record<string, string> });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'OK', data: { email: EMAIL } });
		await expect(credential.preAuthentication.call({ helpers: { httpRequest } } as never, { ...data, password: 'nope' })).rejects.toThrow('HTTP 401');
	});
});

describe('pickers', () => {
	function loadOptionsContext(currentProject?: number) {
		const credentials = { authMethod: 'token', token: 'pre-issued-token', baseUrl: emulator.url };
		return {
			getCredentials: async () => credentials,
			getCurrentNodeParameter: (name: string) => (name === 'project' ? currentProject : undefined),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string; body?: unknown }) => {
					const res = await fetch(options.url, { method: options.method, headers: { Authorization: `Bearer ${credentials.token}`, 'Content-Type': 'application/json' }, body: options.body ? JSON.stringify(options.body) : undefined });
					return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
				},
			},
		} as never;
	}

	test('projects, models (paged) and the HITLs of the chosen project', async () => {
		const projects = await searchProjects.call(loadOptionsContext(), 'invoi');
		expect(projects.results).toEqual([{ name: `Invoices (LABEL, #${projectId})`, value: String(projectId) }]);
		for (let i = 0; i < 101; i++) emulator.deepopinion.store.newModel({ name: `m${i}`, display_name: `Bulk ${i}`, type: 'CLASS', project_id: null });
		const first = await searchModels.call(loadOptionsContext());
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const second = await searchModels.call(loadOptionsContext(), undefined, first.paginationToken as string);
		expect(second.results.length).toBeGreaterThanOrEqual(2);
		expect(second.paginationToken).toBeUndefined();
		const bulk99 = [...emulator.deepopinion.store.models.values()].find((m) => m.display_name === 'Bulk 99')!.id;
		expect((await searchModels.call(loadOptionsContext(), 'Bulk 99')).results).toEqual([{ name: `Bulk 99 (CREATED, #${bulk99})`, value: String(bulk99) }]);
		expect((await searchHitls.call(loadOptionsContext())).results).toEqual([]);
		await runDeepOpinion(loginCredentials(emulator.url), { resource: 'hitl', operation: 'create', project: byId(projectId), name: 'Review desk', additionalFields: { is_live: true } });
		expect((await searchHitls.call(loadOptionsContext(projectId))).results).toEqual([{ name: 'Review desk (#1, live)', value: '1' }]);
	});
});
