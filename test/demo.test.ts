import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './harness/n8n';

jest.setTimeout(180_000);

/** The README's main job (`npm run demo`), run as users run it, on a small sample. */
test('the demo runs the main job end to end on the embedded defaults and exits 0', async () => {
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'textai-demo-'));
	try {
		const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'demo', 'main.js')], {
			env: { PATH: process.env.PATH, HOME: process.env.HOME, DEMO_COMMENTS: '400', DEMO_OUT_DIR: out },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (c: Buffer) => (output += c.toString()));
		child.stderr.on('data', (c: Buffer) => (output += c.toString()));
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect({ code, output }).toMatchObject({ code: 0 });
		expect(output).toMatch(/comments synced\s+400 of 400 rows/);
		expect(output).toMatch(/comments predicted\s+400/);
		expect(output).toMatch(/stream delivered\s+400/);
		expect(fs.readFileSync(path.join(out, 'trigger-stream.jsonl'), 'utf8').trim().split('\n')).toHaveLength(400);
		expect(fs.readFileSync(path.join(out, 'predictions.csv'), 'utf8').trim().split('\r\n')).toHaveLength(401);
	} finally {
		fs.rmSync(out, { recursive: true, force: true });
	}
});
