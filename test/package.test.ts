import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadPackage, REPO_ROOT } from './harness/n8n';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

function packedFiles(): string[] {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	return (JSON.parse(out)[0].files as Array<{ path: string }>).map((f) => f.path);
}

describe('the installable n8n package', () => {
	test('is named for n8n community packages and has zero runtime dependencies', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
	});

	test('ships only compiled nodes, credentials and the shared clients', () => {
		const files = packedFiles();
		const stray = files.filter((f) => !/^(dist\/(nodes|credentials|clients)\/|package\.json$|README\.md$|LICENSE)/.test(f));
		expect(stray).toEqual([]);
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
	});

	test('its compiled code requires nothing but n8n-workflow, Node built-ins and its own files', () => {
		const shipped = packedFiles().filter((f) => f.endsWith('.js'));
		const offenders: string[] = [];
		for (const file of shipped) {
			const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
			for (const [, mod] of source.matchAll(/require\("([^"]+)"\)/g)) {
				if (!mod.startsWith('.') && mod !== 'n8n-workflow' && !mod.startsWith('node:')) offenders.push(`${file}: ${mod}`);
			}
		}
		expect(offenders).toEqual([]);
	});

	test('loads the way n8n loads community packages', async () => {
		const loaded = await loadPackage(REPO_ROOT);
		expect(Object.keys(loaded.nodeTypes).sort()).toEqual(['n8n-nodes-textai.apres', 'n8n-nodes-textai.apresTrigger', 'n8n-nodes-textai.deepOpinion', 'n8n-nodes-textai.deepOpinionTrigger', 'n8n-nodes-textai.luminosoCompass', 'n8n-nodes-textai.luminosoCompassTrigger', 'n8n-nodes-textai.primerAutomate', 'n8n-nodes-textai.reinfer', 'n8n-nodes-textai.reinferTrigger', 'n8n-nodes-textai.textaiJobs']);
		expect(Object.keys(loaded.credentialTypes)).toEqual(expect.arrayContaining(['reinferApi', 'temporalApi', 'apresApi', 'primerAutomateApi', 'luminosoCompassApi', 'deepOpinionApi']));
		for (const name of ['n8n-nodes-textai.reinfer', 'n8n-nodes-textai.textaiJobs', 'n8n-nodes-textai.deepOpinion']) {
			const node = loaded.nodeTypes[name] as { description: { usableAsTool?: boolean } };
			expect(node.description.usableAsTool).toBe(true);
		}
	});
});
