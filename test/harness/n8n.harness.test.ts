import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';

import {
	FIXTURE_PACKAGE_DIR,
	chain,
	itemsNode,
	loadPackage,
	manualTrigger,
	runPoll,
	runWorkflow,
	type CredentialsByType,
	type WorkflowJson,
	type WorkflowNodeInput,
} from './n8n';

const PKG = 'n8n-nodes-harness-fixture';
const FILE_BYTES = Buffer.from('line one\nline two\n', 'utf8');

/** Tiny API the fixture nodes talk to; records what it saw so tests can assert server-side. */
class FixtureServer {
	server!: Server;
	baseUrl = '';
	requests: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: Buffer }> = [];
	logins = 0;
	validSessions = new Set<string>();
	events: IDataObject[] = [];

	async start() {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const body = Buffer.concat(chunks);
				const url = new URL(req.url ?? '/', 'http://x');
				this.requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, body });
				const send = (status: number, payload: unknown, type = 'application/json') => {
					res.writeHead(status, { 'Content-Type': type });
					res.end(Buffer.isBuffer(payload) ? payload : JSON.stringify(payload));
				};
				const tokenOk = req.headers['x-auth-token'] === 'secret-token';
				const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
				const sessionOk = this.validSessions.has(bearer);
				if (url.pathname === '/login' && req.method === 'POST') {
					const { username, password } = JSON.parse(body.toString()) as IDataObject;
					if (username !== 'ada' || password !== 'pw') return send(403, { message: 'bad login' });
					const token = `session-${++this.logins}`;
					this.validSessions.add(token);
					return send(200, { token });
				}
				if (!tokenOk && !sessionOk) return send(401, { message: 'Unauthorized' });
				if (url.pathname === '/echo') {
					const json = JSON.parse(body.toString()) as IDataObject;
					if (json.fail) return send(422, { message: 'Item rejected by fixture API' });
					return send(200, { echoed: json.text, via: tokenOk ? 'token' : bearer });
				}
				if (url.pathname === '/upload') {
					return send(200, {
						bytes: body.length,
						sha256: createHash('sha256').update(body).digest('hex'),
						contentType: req.headers['content-type'],
					});
				}
				if (url.pathname === '/file') return send(200, FILE_BYTES, 'text/plain; charset=utf-8');
				if (url.pathname === '/events') {
					const since = Number(url.searchParams.get('since') ?? 0);
					return send(200, { events: this.events.filter((e) => (e.id as number) > since) });
				}
				return send(404, { message: 'not found' });
			});
		});
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop() {
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

const api = new FixtureServer();
beforeAll(async () => api.start());
afterAll(async () => api.stop());
beforeEach(() => {
	api.requests = [];
});

function fixtureNode(parameters: IDataObject, extra: Partial<WorkflowNodeInput> = {}): WorkflowNodeInput {
	const login = parameters.authentication === 'login';
	return {
		name: 'Fixture API',
		type: `${PKG}.fixtureApi`,
		typeVersion: 1,
		parameters: { baseUrl: api.baseUrl, ...parameters } as WorkflowNodeInput['parameters'],
		credentials: login
			? { fixtureLoginApi: { id: '2', name: 'Login' } }
			: { fixtureTokenApi: { id: '1', name: 'Token' } },
		...extra,
	};
}

const tokenCredentials = (): CredentialsByType => ({ fixtureTokenApi: { token: 'secret-token' } });

describe('loadPackage', () => {
	it('loads node and credential types from package.json n8n section', async () => {
		const pkg = await loadPackage(FIXTURE_PACKAGE_DIR);
		expect(pkg.packageName).toBe(PKG);
		expect(Object.keys(pkg.nodeTypes).sort()).toEqual([`${PKG}.fixtureApi`, `${PKG}.fixturePollTrigger`]);
		expect(Object.keys(pkg.credentialTypes).sort()).toEqual(['fixtureLoginApi', 'fixtureTokenApi']);
		expect(await loadPackage(FIXTURE_PACKAGE_DIR)).toBe(pkg);
	});
});

describe('runWorkflow', () => {
	it('runs manual trigger -> node over real HTTP with generic header auth', async () => {
		const started = Date.now();
		const result = await runWorkflow({
			pkgDir: FIXTURE_PACKAGE_DIR,
			workflow: chain(manualTrigger(), itemsNode([{ text: 'hello' }]), fixtureNode({ operation: 'echo' })),
			credentials: tokenCredentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.nodeExecutionOrder).toEqual(['Manual Trigger', 'Items', 'Fixture API']);
		expect(result.outputByNode['Manual Trigger'][0]).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
		expect(result.lastNodeOutput).toEqual([{ json: { echoed: 'hello', via: 'token' }, pairedItem: { item: 0 } }]);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers['x-auth-token']).toBe('secret-token');
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('returns status error with the node error message and description', async () => {
		const result = await runWorkflow({
			pkgDir: FIXTURE_PACKAGE_DIR,
			workflow: chain(manualTrigger(), itemsNode([{ text: 'ok' }, { nope: 1 }]), fixtureNode({ operation: 'echo' })),
			credentials: tokenCredentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			message: 'Item has no text',
			description: 'Every input item needs a string "text" field',
			name: 'NodeOperationError',
			nodeName: 'Fixture API',
		});
	});

	it('surfaces HTTP errors as NodeApiError with the response message', async () => {
		const result = await runWorkflow({
			pkgDir: FIXTURE_PACKAGE_DIR,
			workflow: chain(manualTrigger(), itemsNode([{ text: 'x', fail: true }]), fixtureNode({ operation: 'echo' })),
			credentials: tokenCredentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Your request is invalid or could not be processed by the service',
			description: 'Item rejected by fixture API',
			httpCode: '422',
			nodeName: 'Fixture API',
		});
	});

	it('fails clearly when credentials for the node are missing', async () => {
		const result = await runWorkflow({
			pkgDir: FIXTURE_PACKAGE_DIR,
			workflow: chain(manualTrigger(), itemsNode([{ text: 'x' }]), fixtureNode({ operation: 'echo' })),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('does not exist for type "fixtureTokenApi"');
	});

	it('continueRegularOutput keeps going with error items and correct pairedItem', async () => {
		const result = await runWorkflow({
			pkgDir: FIXTURE_PACKAGE_DIR,
			workflow: chain(
				manualTrigger(),
				itemsNode([{ text: 'a' }, { text: 'b', fail: true }, { text: 'c' }]),
				fixtureNode({ operation: 'echo' }, { onError: 'continueRegularOutput' }),
				{ name: 'After', type: 'n8n-nodes-base.noOp' },
			),
			credentials: tokenCredentials(),
		});
		expect(result.status).toBe('success');
		const out = result.outputByNode['Fixture API'][0];
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toEqual({ echoed: 'a', via: 'token' });
		expect(out[1].json).toEqual({ error: 'Your request is invalid or could not be processed by the service' });
		expect(out[1].error?.description).toContain('Item rejected by fixture API');
		expect(out[2].json).toEqual({ echoed: 'c', via: 'token' });
		expect(result.lastNodeOutput).toHaveLength(3);
		expect(result.nodeExecutionOrder.at(-1)).toBe('After');
	});

	it('continueErrorOutput routes failed items to the error output', async () => {
		const workflow = chain(
			manualTrigger(),
			itemsNode([{ text: 'a' }, { text: 'b', fail: true }]),
			fixtureNode({ operation: 'echo' }, { onError: 'continueErrorOutput' }),
		);
		const result = await runWorkflow({ pkgDir: FIXTURE_PACKAGE_DIR, workflow, credentials: tokenCredentials() });
		expect(result.status).toBe('success');
		const [success, failed] = result.outputByNode['Fixture API'];
		expect(success).toEqual([{ json: { echoed: 'a', via: 'token' }, pairedItem: { item: 0 } }]);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 1 });
		expect(failed[0].json.error).toBe('Your request is invalid or could not be processed by the service');
		expect(failed[0].error?.description).toContain('Item rejected by fixture API');
	});

	it('preAuthentication: logs in when the token is empty, reuses it, re-logs in after a 401', async () => {
		const credentials: CredentialsByType = {
			fixtureLoginApi: { baseUrl: api.baseUrl, username: 'ada', password: 'pw' },
		};
		const workflow = chain(
			manualTrigger(),
			itemsNode([{ text: 'one' }, { text: 'two' }]),
			fixtureNode({ operation: 'echo', authentication: 'login' }),
		);
		const first = await runWorkflow({ pkgDir: FIXTURE_PACKAGE_DIR, workflow, credentials });
		expect(first.status).toBe('success');
		expect(api.logins).toBe(1);
		expect(first.lastNodeOutput.map((i) => i.json.via)).toEqual(['session-1', 'session-1']);
		// Written back like n8n's DB update, so the next run reuses the token.
		expect(credentials.fixtureLoginApi.sessionToken).toBe('session-1');

		const second = await runWorkflow({ pkgDir: FIXTURE_PACKAGE_DIR, workflow, credentials });
		expect(second.status).toBe('success');
		expect(api.logins).toBe(1);

		api.validSessions.clear(); // the server expires the session
		api.requests = [];
		const third = await runWorkflow({ pkgDir: FIXTURE_PACKAGE_DIR, workflow, credentials });
		expect(third.status).toBe('success');
		expect(api.logins).toBe(2);
		expect(third.lastNodeOutput.map((i) => i.json.via)).toEqual(['session-2', 'session-2']);
		expect(api.requests.map((r) => `${r.path} ${r.headers.authorization ?? ''}`)).toEqual([
			'/echo Bearer session-1', // 401
			'/login ',
			'/echo Bearer session-2',
			'/echo Bearer session-2',
		]);
		expect(credentials.fixtureLoginApi.sessionToken).toBe('session-2');
	});

	it('binary data in (getBinaryDataBuffer) and out (prepareBinaryData)', async () => {
		const content = Buffer.from('%PDF-1.4 fake pdf bytes');
		const upload = await runWorkflow({
			pkgDir: FIXTURE_PACKAGE_DIR,
			workflow: chain(
				manualTrigger(),
				itemsNode([
					{
						json: { name: 'doc' },
						binary: { data: { data: content.toString('base64'), mimeType: 'application/pdf', fileName: 'doc.pdf' } },
					},
				]),
				fixtureNode({ operation: 'upload' }),
			),
			credentials: tokenCredentials(),
		});
		expect(upload.error).toBeUndefined();
		expect(upload.lastNodeOutput[0].json).toEqual({
			bytes: content.length,
			sha256: createHash('sha256').update(content).digest('hex'),
			contentType: 'application/pdf',
		});

		const download = await runWorkflow({
			pkgDir: FIXTURE_PACKAGE_DIR,
			workflow: chain(manualTrigger(), fixtureNode({ operation: 'download', binaryPropertyName: 'file' })),
			credentials: tokenCredentials(),
		});
		expect(download.error).toBeUndefined();
		const [item] = download.lastNodeOutput;
		expect(item.json).toEqual({ size: FILE_BYTES.length });
		expect(item.binary?.file).toMatchObject({ mimeType: 'text/plain', fileName: 'report.txt', fileExtension: 'txt' });
		// default (in-memory) binary mode keeps the bytes base64-encoded in `data`
		expect(Buffer.from(item.binary!.file.data, 'base64')).toEqual(FILE_BYTES);
	});
});

describe('runPoll', () => {
	const pollWorkflow: WorkflowJson = {
		nodes: [
			{
				name: 'Poll',
				type: `${PKG}.fixturePollTrigger`,
				typeVersion: 1,
				parameters: { baseUrl: '' },
				credentials: { fixtureTokenApi: { id: '1', name: 'Token' } },
			},
		],
		connections: {},
	};

	it('a polling trigger can also start a manual workflow run (poll in manual mode)', async () => {
		api.events = [{ id: 7, text: 'seven' }];
		const workflow = chain(
			{
				name: 'Poll',
				type: `${PKG}.fixturePollTrigger`,
				parameters: { baseUrl: api.baseUrl },
				credentials: { fixtureTokenApi: { id: '1', name: 'Token' } },
			},
			{ name: 'Next', type: 'n8n-nodes-base.noOp' },
		);
		const result = await runWorkflow({ pkgDir: FIXTURE_PACKAGE_DIR, workflow, credentials: tokenCredentials() });
		expect(result.status).toBe('success');
		expect(result.lastNodeOutput.map((i) => i.json)).toEqual([{ id: 7, text: 'seven' }]);
		expect(result.staticData).toEqual({ 'node:Poll': { lastId: 7 } });
	});

	it('persists node static data between polls; second poll emits nothing new', async () => {
		pollWorkflow.nodes[0].parameters = { baseUrl: api.baseUrl };
		api.events = [
			{ id: 1, text: 'first' },
			{ id: 2, text: 'second' },
		];
		const first = await runPoll({ workflow: pollWorkflow, nodeName: 'Poll', credentials: tokenCredentials(), pkgDir: FIXTURE_PACKAGE_DIR });
		expect(first.items?.[0].map((i) => i.json)).toEqual(api.events);
		expect(first.staticData).toEqual({ 'node:Poll': { lastId: 2 } });
		expect(first.savedStaticData).toEqual(first.staticData);

		const second = await runPoll({
			workflow: pollWorkflow,
			nodeName: 'Poll',
			credentials: tokenCredentials(),
			pkgDir: FIXTURE_PACKAGE_DIR,
			staticData: first.staticData,
		});
		expect(second.items).toBeNull();
		expect(second.staticData).toEqual({ 'node:Poll': { lastId: 2 } });
		expect(api.requests.map((r) => r.headers['x-auth-token'])).toEqual(['secret-token', 'secret-token']);

		api.events.push({ id: 3, text: 'third' });
		const third = await runPoll({
			workflow: pollWorkflow,
			nodeName: 'Poll',
			credentials: tokenCredentials(),
			pkgDir: FIXTURE_PACKAGE_DIR,
			staticData: second.staticData,
		});
		expect(third.items?.[0].map((i) => i.json)).toEqual([{ id: 3, text: 'third' }]);
		expect(third.staticData).toEqual({ 'node:Poll': { lastId: 3 } });

		// What n8n does next: start an execution in which the trigger passes on what it emitted.
		const workflow: WorkflowJson = {
			...pollWorkflow,
			nodes: [...pollWorkflow.nodes, { name: 'Next', type: 'n8n-nodes-base.noOp' }],
			connections: { Poll: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
		};
		api.requests = [];
		const run = await runWorkflow({ pkgDir: FIXTURE_PACKAGE_DIR, workflow, triggerOutput: third.items! });
		expect(run.status).toBe('success');
		expect(run.outputByNode.Next[0].map((i) => i.json)).toEqual([{ id: 3, text: 'third' }]);
		expect(api.requests).toHaveLength(0); // the trigger did not poll again
	});
});
