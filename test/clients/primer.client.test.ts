import { ApiError, ValidationError, type HttpRequest, type HttpResponse, type Transport } from '../../clients/core';
import { datasetEntryJson, jobOutcome, jwtTimes, parsePredictionsJson, PrimerClient, PrimerLoginAuth, primerTokenAuth, uploadQuery } from '../../clients/primer';
import { PrimerAutomateApi } from '../../credentials/PrimerAutomateApi.credentials';
import { NEWS_TOPICS_MODEL, startPrimerEmulator } from '../../emulators/primer';

const noSleep = async () => undefined;

function jwt(iatSeconds: number, expSeconds: number, id: string): string {
	const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
	return `${b64({ alg: 'HS256' })}.${b64({ iat: iatSeconds, exp: expSeconds, jti: id })}.sig-${id}`;
}

/** A fake SSO + API: tokens from the login are valid until `revoked`; records what was sent. */
function fakePlatform(now: () => number, ttlSeconds = 100) {
	const sent: HttpRequest[] = [];
	let logins = 0;
	const valid = new Set<string>();
	const transport: Transport = async <T>(request: HttpRequest): Promise<HttpResponse<T>> => {
		sent.push(request);
		if (request.url.endsWith('/api/v1/auth/login')) {
			const body = request.body as { password: string };
			if (body.password !== 'pw-secret-1') return { status: 401, headers: {}, body: { message: 'Invalid username or password' } as T };
			logins++;
			const token = jwt(now() / 1000, now() / 1000 + ttlSeconds, String(logins));
			valid.add(token);
			await Promise.resolve();
			return { status: 200, headers: {}, body: { access_token: token } as T };
		}
		const token = request.headers?.Authorization?.replace('JWT ', '') ?? '';
		if (!valid.has(token)) return { status: 401, headers: {}, body: { message: `Invalid token ${token}` } as T };
		return { status: 200, headers: {}, body: { filters: [], datasets: [] } as T };
	};
	return { transport, sent, valid, logins: () => logins };
}

describe('PrimerLoginAuth', () => {
	test('logs in once for concurrent calls, refreshes shortly before exp, and after a 401', async () => {
		let clock = 1_700_000_000_000;
		const platform = fakePlatform(() => clock);
		const auth = new PrimerLoginAuth({ ssoUrl: 'https://sso.test', username: 'ada', password: 'pw-secret-1', transport: platform.transport, sleep: noSleep, now: () => clock });
		const client = new PrimerClient({ baseUrl: 'https://api.test/api/v1alpha/automate', transport: platform.transport, sleep: noSleep, auth });
		await Promise.all([client.listDatasets(), client.listDatasets(), client.listDatasets()]);
		expect(platform.logins()).toBe(1);
		expect(auth.expiry).toBe(clock + 100_000);

		clock += 79_000; // a fifth of the lifetime (20 s) before exp: still fine
		await client.listDatasets();
		expect(platform.logins()).toBe(1);
		clock += 2_000; // now within the margin: refreshed before it expires
		await client.listDatasets();
		expect(platform.logins()).toBe(2);

		platform.valid.clear(); // revoked server-side: the 401 triggers one login and one repeat
		await client.listDatasets();
		expect(platform.logins()).toBe(3);
		const api = platform.sent.filter((r) => !r.url.includes('/auth/login'));
		expect(api.at(-2)?.headers?.Authorization).not.toBe(api.at(-1)?.headers?.Authorization);
	});

	test('a refused login says to check the username and password, and never shows the password', async () => {
		const platform = fakePlatform(Date.now);
		const auth = new PrimerLoginAuth({ username: 'ada', password: 'wrong-password-xyz', transport: platform.transport, sleep: noSleep });
		const client = new PrimerClient({ transport: platform.transport, sleep: noSleep, auth });
		const error = (await client.listDatasets().catch((e: unknown) => e)) as ApiError;
		expect(error).toBeInstanceOf(ApiError);
		expect(error.message).toBe('Primer Automate login failed with HTTP 401: Invalid username or password (check the username and password of the connection)');
		expect(platform.sent[0].url).toBe('https://sso.primer.ai/api/v1/auth/login');
		expect(JSON.stringify(error)).not.toContain('wrong-password-xyz');
	});

	test('tokens echoed in error bodies are redacted', async () => {
		const platform = fakePlatform(Date.now);
		const auth = new PrimerLoginAuth({ username: 'ada', password: 'pw-secret-1', transport: platform.transport, sleep: noSleep });
		const echo: Transport = async <T>(request: HttpRequest): Promise<HttpResponse<T>> =>
			request.url.includes('/auth/login') ? platform.transport<T>(request) : { status: 400, headers: {}, body: { message: `bad request with ${request.headers?.Authorization}` } as T };
		const client = new PrimerClient({ transport: echo, sleep: noSleep, auth });
		const error = (await client.listDatasets().catch((e: unknown) => e)) as ApiError;
		expect(error.message).toBe('Primer Automate listDatasets failed with HTTP 400: bad request with JWT [redacted]');
	});

	test('pre-issued tokens: "JWT " prefixes are tolerated; jwtTimes reads exp/iat or nothing', async () => {
		expect(await primerTokenAuth('JWT abc.def.ghi').headers()).toEqual({ Authorization: 'JWT abc.def.ghi' });
		expect(jwtTimes(jwt(10, 70, 'x'))).toEqual({ iat: 10_000, exp: 70_000 });
		expect(jwtTimes('opaque-token')).toEqual({});
	});
});

describe('client helpers and validation', () => {
	const client = new PrimerClient({ transport: async () => ({ status: 200, headers: {}, body: {} }) as never, sleep: noSleep });

	test('every upload query parameter is sent under its API name; blanks are left out', () => {
		expect(
			uploadQuery(
				{ filetype: 'csv', displayName: 'News', documentType: 'Other', description: 'd', modelId: NEWS_TOPICS_MODEL, headers: { text: 'body', title: 'headline', id: 'ref', label: 'tags', date: 'when' } },
				'3a437e2e-99fb-480c-a112-db9e82ae6ec7',
			),
		).toEqual({
			filetype: 'csv',
			dataset_id: '3a437e2e-99fb-480c-a112-db9e82ae6ec7',
			dataset_meta_display_name: 'News',
			dataset_meta_document_type: 'Other',
			dataset_meta_description: 'd',
			model_id: NEWS_TOPICS_MODEL,
			header_matching_text: 'body',
			header_matching_title: 'headline',
			header_matching_id: 'ref',
			header_matching_label: 'tags',
			header_matching_date: 'when',
		});
		expect(uploadQuery({ filetype: 'json', displayName: ' ', headers: {} })).toMatchObject({ filetype: 'json', dataset_meta_display_name: undefined });
	});

	test('PUT /datasets/ keeps 64-bit user ids exact', () => {
		const json = datasetEntryJson({ user_id: '4028440374033030052', is_archived: false, num_documents: 100, org_id: 1, display_name: 'B', document_type: 'News' });
		expect(json).toBe('{"user_id":4028440374033030052,"is_archived":false,"num_documents":100,"org_id":1,"display_name":"B","document_type":"News"}');
	});

	test('validation errors name every bad field before anything is sent', async () => {
		const error = (await client.uploadDataset('', { filetype: 'xml' as 'csv', modelId: 'abc' }).catch((e: unknown) => e)) as ValidationError;
		expect(error).toBeInstanceOf(ValidationError);
		expect(error.issues.map((i) => i.field)).toEqual(['filetype', 'dataset_meta_display_name', 'dataset_meta_document_type', 'model_id', 'data']);
		await expect(client.createDataset({ user_id: '12x', is_archived: 'no' as never, num_documents: -1, org_id: 1, display_name: '', document_type: 'News' })).rejects.toThrow(
			'Invalid input for Primer Automate createDataset: field "user_id" must be a whole number (your Primer user id; give large ids as text to keep them exact), got "12x"; field "num_documents" must be a whole number >= 0, got number -1; field "is_archived" must be true or false, got "no"; field "display_name" is required and must be non-empty text, got ""',
		);
		await expect(client.downloadPredictionsResponse(NEWS_TOPICS_MODEL, NEWS_TOPICS_MODEL, 'xml', 'text')).rejects.toThrow('field "format" must be "CSV" or "JSON" (NER models need JSON), got "xml"');
		await expect(client.getPredictionStatus(0)).rejects.toThrow('field "request_predictions_id" must be a positive whole number');
	});

	test('predictions JSON: arrays, JSON lines, wrapped arrays; job outcomes', () => {
		expect(parsePredictionsJson('[{"document_id":"1"}]')).toEqual([{ document_id: '1' }]);
		expect(parsePredictionsJson('{"document_id":"1"}\n{"document_id":"2"}\n')).toHaveLength(2);
		expect(parsePredictionsJson('{"predictions":[{"document_id":"1"}]}')).toEqual([{ document_id: '1' }]);
		expect(parsePredictionsJson('{"model_type":"LIST","labels":[{"text":["Swimming"]}]}')).toEqual([{ model_type: 'LIST', labels: [{ text: ['Swimming'] }] }]);
		expect([jobOutcome('PROCESSING'), jobOutcome('completed'), jobOutcome('FAILED'), jobOutcome(undefined)]).toEqual(['running', 'succeeded', 'failed', 'running']);
	});
});

describe('the PrimerAutomateApi credential', () => {
	test('preAuthentication logs in at the SSO; authenticate sends "JWT <token>"; the test request lists datasets', async () => {
		const emu = await startPrimerEmulator({ users: [{ username: 'cred@example.com', password: 'cred-pw-1' }] });
		try {
			const type = new PrimerAutomateApi();
			const credentials = { authentication: 'login', username: 'cred@example.com', password: 'cred-pw-1', baseUrl: `${emu.apiUrl}/`, ssoUrl: `${emu.ssoUrl}/` };
			const httpRequest = async (o: { url: string; body: unknown; method: string }) => (await fetch(o.url, { method: o.method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(o.body) })).json();
			const output = await type.preAuthentication.call({ helpers: { httpRequest } } as never, credentials as never);
			expect(output.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
			const signed = await type.authenticate({ ...credentials, ...output } as never, { url: '', headers: { Accept: 'application/json' } });
			expect(signed.headers).toEqual({ Accept: 'application/json', Authorization: `JWT ${output.accessToken}` });
			// The credential test: GET <baseUrl without trailing slash>/datasets/ with that header.
			expect(type.test.request).toEqual({ baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/datasets/' });
			const res = await fetch(`${credentials.baseUrl.replace(/\/+$/, '')}${type.test.request.url}`, { headers: signed.headers as Record<string, string> });
			expect(res.status).toBe(200);
			expect(await type.preAuthentication.call({ helpers: { httpRequest } } as never, { authentication: 'token', token: 't' } as never)).toEqual({});
			expect((await type.authenticate({ authentication: 'token', token: 'JWT t-1' } as never, { url: '' })).headers).toEqual({ Authorization: 'JWT t-1' });
		} finally {
			await emu.close();
		}
	});
});
