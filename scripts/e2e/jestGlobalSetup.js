/**
 * Jest globalSetup of the e2e suite: installs the n8n line of every project (jest.e2e.config.js)
 * into the cache before any test starts, so that a failing install stops the run at once with
 * npm's own output, and no test's timeout includes an install. The lines install side by side:
 * on a fresh machine most of the time is downloading (measured here: line 1 alone 5m42s, line 2
 * alone 7m14s).
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

function ensure(line) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [path.join(__dirname, 'ensure-n8n.sh'), line], { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`scripts/e2e/ensure-n8n.sh ${line} failed with exit code ${code} (its output is above)`));
			process.stdout.write(`n8n line ${line}: ${out.trim()} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
			resolve();
		});
	});
}

module.exports = async function ensureN8nLines() {
	const { projects } = require('../../jest.e2e.config.js');
	const results = await Promise.allSettled(projects.map((project) => ensure(String(project.globals.E2E_N8N_LINE))));
	const failed = results.find((result) => result.status === 'rejected');
	if (failed) throw failed.reason;
};
