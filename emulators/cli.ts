#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { parseFaultRules, type EmulatorOptions, type FaultConfig } from './core';
import { EMULATORS, type ArgValues } from './registry';

/**
 * Runs one platform emulator until SIGINT/SIGTERM:
 *   node dist/emulators/cli.js reinfer --port 8101 --token dev-token [--faults '<json>']
 */
const COMMON_OPTIONS = {
	port: { type: 'string' },
	host: { type: 'string' },
	seed: { type: 'string' },
	faults: { type: 'string' },
	'rate-limit': { type: 'string' },
	log: { type: 'boolean' },
	help: { type: 'boolean', short: 'h' },
} as const;

function usage(): string {
	const platforms = Object.entries(EMULATORS)
		.map(([name, def]) => {
			const extra = Object.keys(def.options).map((o) => `--${o}`).join(' ');
			return `  ${name.padEnd(10)} ${def.description}${extra ? ` [${extra}]` : ''}`;
		})
		.join('\n');
	return [
		'usage: cli.js <platform> [--port N] [--host H] [--seed S] [--faults JSON] [--rate-limit RPS] [--log] [platform options]',
		'',
		'platforms:',
		platforms,
		'',
		'--faults takes a JSON array of rules or {"rules": [...], "seed": N}, e.g.',
		`  '[{"kind":"http429","rate":0.1,"retryAfter":2},{"kind":"latency","ms":200,"rate":0.5}]'`,
	].join('\n');
}

function parseFaults(json: string): FaultConfig {
	const value = JSON.parse(json) as unknown;
	if (Array.isArray(value)) return { rules: parseFaultRules(value) };
	const config = value as { rules?: unknown; seed?: number | string };
	return { rules: parseFaultRules(config.rules ?? []), seed: config.seed };
}

function commonOptions(values: ArgValues): EmulatorOptions {
	const num = (v: unknown) => (v === undefined ? undefined : Number(v));
	const seed = values.seed as string | undefined;
	const rps = num(values['rate-limit']);
	return {
		port: num(values.port) ?? 0,
		host: values.host as string | undefined,
		seed: seed === undefined ? undefined : /^\d+$/.test(seed) ? Number(seed) : seed,
		faults: values.faults === undefined ? undefined : parseFaults(values.faults as string),
		rateLimit: rps === undefined ? undefined : { requestsPerSecond: rps },
		log: values.log === true,
	};
}

async function main(argv: string[]): Promise<void> {
	const [name, ...rest] = argv;
	const definition = name === undefined ? undefined : EMULATORS[name];
	if (!definition) {
		process.stderr.write(`${name && !name.startsWith('-') ? `unknown platform: ${name}\n\n` : ''}${usage()}\n`);
		process.exitCode = name === '--help' || name === '-h' ? 0 : 2;
		return;
	}
	const { values } = parseArgs({ args: rest, options: { ...COMMON_OPTIONS, ...definition.options }, strict: true });
	if (values.help) {
		process.stdout.write(`${usage()}\n`);
		return;
	}
	const emulator = await definition.start(commonOptions(values), values);
	process.stdout.write(`${name} emulator listening on ${emulator.url} (admin: ${emulator.url}/__emulator/)\n`);
	const stop = () => {
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
	process.stderr.write(`${(error as Error)?.message ?? error}\n`);
	process.exit(1);
});
