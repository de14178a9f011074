import { request } from 'node:http';
import { FaultInjector, reply, Router, startEmulator, unauthorized, type EmulatorHandle, type EmulatorPlatform } from '../../emulators/core';

/** A toy platform: bearer auth, a public login route, raw bodies and its own error shape. */
function toyPlatform(): EmulatorPlatform & { items: string[] } {
	const items: string[] = [];
	return {
		name: 'toy',
		items,
		registerRoutes(api) {
			api.route('POST', '/login', () => reply(201, { token: 'secret' }), { auth: false });
			api.route('GET', '/things/:id', ({ params, principal }) => ({ kind: 'param', id: params.id, principal }));
			api.route('GET', '/things/id:{thingId}', ({ params }) => ({ kind: 'template', id: params.thingId }));
			api.route('POST', '/things:upload', async ({ rawBody }) => {
				const body = await rawBody();
				items.push(body.toString('utf8'));
				return reply(202, { bytes: body.length });
			});
			api.route('GET', '/boom', () => {
				throw new Error('kaput');
			});
		},
		registerAdminRoutes(admin) {
			admin.route('GET', '/items', () => ({ items }));
		},
		authenticate({ req }) {
			if (req.headers.authorization !== 'Bearer secret') throw unauthorized('bad bearer');
			return 'toy-user';
		},
		errorBody: (status, message) => ({ error: { code: status, detail: message } }),
		state: () => ({ items }),
		reset: () => {
			items.length = 0;
		},
	};
}

let emu: EmulatorHandle;
const auth = { authorization: 'Bearer secret' };

beforeAll(async () => {
	emu = await startEmulator(toyPlatform(), { bodyLimitBytes: 64 });
});
afterAll(() => emu.close());

describe('router', () => {
	it('prefers literal and template segments over params, whatever the registration order', () => {
		const router = new Router();
		router.route('GET', '/a/:x', () => 'param');
		router.route('GET', '/a/id:{id}', () => 'template');
		router.route('GET', '/a/fixed', () => 'literal');
		expect(router.match('GET', '/a/fixed')?.route.pattern).toBe('/a/fixed');
		expect(router.match('GET', '/a/id:ab:cd')?.params).toEqual({ id: 'ab:cd' });
		expect(router.match('GET', '/a/other')?.params).toEqual({ x: 'other' });
		expect(router.match('GET', '/a/other/')?.params).toEqual({ x: 'other' });
		expect(router.match('POST', '/a/other')).toBeUndefined();
		expect(router.match('GET', '/a/%E0')).toBeUndefined();
	});
});

describe('generic server', () => {
	it('runs platform auth except on public routes and uses the platform error shape', async () => {
		expect((await fetch(`${emu.url}/login`, { method: 'POST' })).status).toBe(201);
		const denied = await fetch(`${emu.url}/things/1`);
		expect(denied.status).toBe(401);
		expect(await denied.json()).toEqual({ error: { code: 401, detail: '401 Unauthorized: bad bearer' } });
		const ok = await fetch(`${emu.url}/things/id:x:y`, { headers: auth });
		expect(await ok.json()).toEqual({ kind: 'template', id: 'x:y' });
		expect(await (await fetch(`${emu.url}/things/42`, { headers: auth })).json()).toEqual({ kind: 'param', id: '42', principal: 'toy-user' });
		const crash = await fetch(`${emu.url}/boom`, { headers: auth });
		expect(crash.status).toBe(500);
	});

	it('gives handlers the raw body, with 413 beyond the limit (declared or streamed)', async () => {
		const upload = await fetch(`${emu.url}/things:upload`, { method: 'POST', headers: auth, body: 'raw bytes' });
		expect(upload.status).toBe(202);
		expect(await upload.json()).toEqual({ bytes: 9 });
		expect(await (await fetch(`${emu.url}/__emulator/toy/items`)).json()).toEqual({ items: ['raw bytes'] });

		expect((await fetch(`${emu.url}/things:upload`, { method: 'POST', headers: auth, body: 'x'.repeat(65) })).status).toBe(413);
		const streamedStatus = await new Promise<number>((resolve, reject) => {
			const req = request(`${emu.url}/things:upload`, { method: 'POST', headers: { ...auth, 'transfer-encoding': 'chunked' } }, (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			});
			req.on('error', reject);
			for (let i = 0; i < 10; i++) req.write('0123456789');
			req.end();
		});
		expect(streamedStatus).toBe(413);
	});

	it('lists admin endpoints, including the platform ones', async () => {
		const info = (await (await fetch(`${emu.url}/__emulator/`)).json()) as { platform: string; endpoints: string[] };
		expect(info.platform).toBe('toy');
		expect(info.endpoints).toEqual(expect.arrayContaining(['PUT /__emulator/faults', 'GET /__emulator/toy/items']));
	});
});

describe('fault injector', () => {
	it('is deterministic per seed and only draws for fractional rates', () => {
		const sample = (seed: number) => {
			const faults = new FaultInjector({ seed, rules: [{ kind: 'latency', ms: 5 }, { kind: 'drop', rate: 0.5 }] });
			return Array.from({ length: 50 }, () => faults.decide('GET', '/x').action?.kind ?? 'none');
		};
		expect(sample(1)).toEqual(sample(1));
		expect(sample(1)).not.toEqual(sample(2));
		const always = new FaultInjector({ rules: [{ kind: 'latency', ms: 5 }, { kind: 'http429', path: '/x', retryAfter: 2 }] });
		expect(always.decide('GET', '/x/y')).toEqual({
			delayMs: 5,
			fired: ['latency', 'http429'],
			action: { kind: 'respond', status: 429, message: '429 Too Many Requests', headers: { 'retry-after': '2' } },
		});
		expect(always.decide('GET', '/other').action).toBeUndefined();
	});
});
