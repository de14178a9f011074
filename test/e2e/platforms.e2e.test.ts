import { startApresEmulator, type ApresEmulator } from '../../emulators/apres';
import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../../emulators/deepopinion';
import { startLuminosoEmulator, type LuminosoEmulator } from '../../emulators/luminoso';
import { startPrimerEmulator, type PrimerEmulator } from '../../emulators/primer';
import { RealN8n } from '../../scripts/e2e/realN8n';

jest.setTimeout(600_000);

/**
 * One workflow per platform in real n8n, with the credentials users create: the login-token
 * platforms (Primer, Luminoso, DeepOpinion) run n8n's own preAuthentication login.
 */
let n8n: RealN8n;
let primer: PrimerEmulator;
let luminoso: LuminosoEmulator;
let deepopinion: DeepOpinionEmulator;
let apres: ApresEmulator;

beforeAll(async () => {
	[primer, luminoso, deepopinion, apres] = await Promise.all([startPrimerEmulator(), startLuminosoEmulator(), startDeepOpinionEmulator(), startApresEmulator({ apiKeys: ['e2e-recipe-key'] })]);
	n8n = new RealN8n();
	await n8n.importCredentials([
		{ id: 'primer1', name: 'Primer', type: 'primerAutomateApi', data: { authentication: 'login', username: 'analyst@example.com', password: 'automate-dev-password', baseUrl: primer.apiUrl, ssoUrl: primer.ssoUrl } },
		{ id: 'luminoso1', name: 'Compass', type: 'luminosoCompassApi', data: { url: luminoso.apiUrl, authentication: 'login', username: 'admin@example.com', password: 'admin-password' } },
		{ id: 'deepopinion1', name: 'DeepOpinion', type: 'deepOpinionApi', data: { authMethod: 'login', email: 'dev@deepopinion.test', password: 'dev-password', baseUrl: deepopinion.url } },
		{ id: 'apres1', name: 'Apres', type: 'apresApi', data: { apiKey: 'e2e-recipe-key', baseUrl: `${apres.url}/api/v1` } },
	]);
	await n8n.importWorkflows(Object.keys(WORKFLOWS).map(workflowJson));
});
afterAll(async () => {
	await n8n?.cleanup();
	await Promise.all([primer, luminoso, deepopinion, apres].map((e) => e?.close()));
});

/** One "Manual Trigger -> node" workflow per platform, imported together (one CLI run). */
const WORKFLOWS: Record<string, { type: string; credentials: Record<string, { id: string; name: string }>; parameters: Record<string, unknown> }> = {
	e2ePrimer0001: { type: 'primerAutomate', credentials: { primerAutomateApi: { id: 'primer1', name: 'Primer' } }, parameters: { resource: 'dataset', operation: 'getAll', returnAll: true } },
	e2eLuminoso01: { type: 'luminosoCompass', credentials: { luminosoCompassApi: { id: 'luminoso1', name: 'Compass' } }, parameters: { resource: 'project', operation: 'getAll', returnAll: true } },
	e2eDeepOpin01: { type: 'deepOpinion', credentials: { deepOpinionApi: { id: 'deepopinion1', name: 'DeepOpinion' } }, parameters: { resource: 'project', operation: 'create', name: 'E2E Hotels', type: 'ABSA' } },
	e2eApres00001: { type: 'apres', credentials: { apresApi: { id: 'apres1', name: 'Apres' } }, parameters: { resource: 'recipe', operation: 'get' } },
};

function workflowJson(id: string) {
	const { type, credentials, parameters } = WORKFLOWS[id];
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'node', name: 'Node', type: `n8n-nodes-textai.${type}`, typeVersion: 1, position: [220, 0], parameters, credentials },
	];
	return { id, name: id, nodes, connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } } };
}

async function runOne(id: keyof typeof WORKFLOWS) {
	const run = await n8n.execute(id);
	if (run.status !== 'success') throw new Error(JSON.stringify(run.raw).slice(0, 3000));
	return RealN8n.output(run, 'Node');
}

test('Primer Automate: n8n logs in at the SSO and lists datasets', async () => {
	const out = await runOne('e2ePrimer0001');
	expect(Array.isArray(out)).toBe(true);
	expect(primer.primer.auth.logins).toBeGreaterThanOrEqual(1);
});

test('Luminoso Compass: n8n logs in and lists projects', async () => {
	const out = await runOne('e2eLuminoso01');
	expect(Array.isArray(out)).toBe(true);
});

test('DeepOpinion: n8n logs in and creates a project', async () => {
	const out = await runOne('e2eDeepOpin01');
	expect(out[0]).toMatchObject({ name: 'E2E Hotels' });
});

test('Apres: the recipe API key reads the recipe', async () => {
	const out = await runOne('e2eApres00001');
	expect(out[0]).toHaveProperty('id');
});
