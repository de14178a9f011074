// Prebuilds the workflow bundle so workers start without running webpack (as in
// temporalio/samples-typescript's production sample).
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
	const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') });
	const target = path.resolve(__dirname, '..', 'workflow-bundle.js');
	fs.writeFileSync(target, code);
	process.stdout.write(`workflow bundle: ${path.relative(process.cwd(), target)} (${(code.length / 1024).toFixed(0)} KiB)\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
