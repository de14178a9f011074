import { startReinferEmulator, type ReinferEmulator } from '../../emulators/reinfer';
import { searchDatasets, searchSources } from '../../nodes/Reinfer/methods/listSearch';

let emulator: ReinferEmulator;
beforeAll(async () => {
	emulator = await startReinferEmulator({ tokens: ['list-token'] });
});
afterAll(async () => emulator.close());

/** The slice of ILoadOptionsFunctions the pickers use, sending real HTTP with the credential's header. */
function loadOptionsContext() {
	const credentials = { token: 'list-token', baseUrl: emulator.url };
	return {
		getCredentials: async () => credentials,
		getNode: () => ({ name: 're:infer', credentials: { reinferApi: { id: '1', name: 're:infer' } } }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string; body?: unknown }) => {
				const res = await fetch(options.url, { method: options.method, headers: { 'X-Auth-Token': credentials.token, 'Content-Type': 'application/json' }, body: options.body ? JSON.stringify(options.body) : undefined });
				return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
			},
		},
	} as never;
}

test('source and dataset pickers list owner/name values and filter by text', async () => {
	const api = (path: string, body: unknown) => fetch(`${emulator.url}/api/v1/${path}`, { method: 'PUT', headers: { 'X-Auth-Token': 'list-token', 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
	const inbox = await api('sources/acme/inbox', { source: { title: 'Support inbox' } });
	await api('sources/acme/surveys', { source: { title: 'NPS surveys' } });
	await api('datasets/acme/triage', { dataset: { title: 'Triage', source_ids: [inbox.source.id] } });

	const all = await searchSources.call(loadOptionsContext());
	expect(all.results).toEqual([
		{ name: 'Support inbox (acme/inbox)', value: 'acme/inbox' },
		{ name: 'NPS surveys (acme/surveys)', value: 'acme/surveys' },
	]);
	expect((await searchSources.call(loadOptionsContext(), 'nps')).results.map((r) => r.value)).toEqual(['acme/surveys']);
	expect((await searchDatasets.call(loadOptionsContext(), 'tri')).results).toEqual([{ name: 'Triage (acme/triage)', value: 'acme/triage' }]);
});
