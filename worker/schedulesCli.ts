/**
 * `npm run schedules -- <command> ...`: manage Temporal schedules that run catalogue jobs, with
 * the worker's settings (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, TEMPORAL_API_KEY,
 * TEXTAI_PAYLOAD_KEYS: see temporal/config.ts). Inputs are encrypted like every other payload.
 *
 *   create <id> --job <name> (--input '<json>' | --input-file <path>)
 *               (--every <duration> [--offset <duration>] | --cron '<expr>' [--timezone <tz>])
 *               [--overlap skip|buffer-one|buffer-all|cancel-other|terminate-other|allow-all]
 *               [--catchup <duration>] [--paused] [--note <text>] [--workflow-id <prefix>]
 *               [--pause-on-failure] [--no-search-attributes] [--task-queue <queue>]
 *   list                      one JSON line per schedule
 *   describe <id>             the schedule, its recent and upcoming runs, as JSON
 *   pause <id> [--note <text>] | unpause <id> [--note <text>]
 *   trigger <id> [--overlap <policy>]     run the job now
 *   delete <id>
 *
 * Durations: 30s, 15m, 24h, 1d, ... Example, a nightly bulk sync of a folder's file at 02:00 Berlin time:
 *
 *   npm run schedules -- create nightly-tickets --job reinfer.bulkSync --cron '0 2 * * *' \
 *     --timezone Europe/Berlin --catchup 6h --input '{"connection":"default","owner":"acme",
 *     "source":"tickets","file":{"path":"/data/inbox/tickets.csv"},
 *     "mapping":{"id":"ticket_id","timestamp":"created","text":"body"}}'
 */
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription, type ScheduleSpec } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import fs from 'node:fs';
import { checkJobId, checkJobInput, INITIAL_JOB_STATE, isJobName, JOB_NAMES, JOBS } from '../clients/temporal/jobs';
import { connectClient } from '../temporal/client';
import { settingsFromEnv } from '../temporal/config';
import { TEXTAI_JOB_KIND, TEXTAI_JOB_STATE, TEXTAI_PLATFORM } from '../workflows/searchAttributes';

export class UsageError extends Error {
	override readonly name = 'UsageError';
}

const USAGE = `usage: npm run schedules -- <create|list|describe|pause|unpause|trigger|delete> ...
  create <id> --job <${JOB_NAMES.join('|')}> (--input '<json>' | --input-file <path>)
              (--every <duration> [--offset <duration>] | --cron '<expr>' [--timezone <tz>])
              [--overlap <policy>] [--catchup <duration>] [--paused] [--note <text>]
              [--workflow-id <prefix>] [--pause-on-failure] [--no-search-attributes] [--task-queue <queue>]
  list | describe <id> | pause <id> [--note <text>] | unpause <id> [--note <text>]
  trigger <id> [--overlap <policy>] | delete <id>`;

const FLAGS = new Set(['paused', 'pause-on-failure', 'no-search-attributes', 'help']);

interface Parsed {
	positional: string[];
	options: Map<string, string>;
	flags: Set<string>;
}

function parseArgs(argv: string[]): Parsed {
	const parsed: Parsed = { positional: [], options: new Map(), flags: new Set() };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) {
			parsed.positional.push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		const name = arg.slice(2, eq > 0 ? eq : undefined);
		if (FLAGS.has(name)) {
			parsed.flags.add(name);
			continue;
		}
		const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
		if (value === undefined) throw new UsageError(`--${name} needs a value`);
		parsed.options.set(name, value);
	}
	return parsed;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds of a --flag duration (30s, 15m, 24h, 1d). */
function duration(value: string | undefined, flag: string): number | undefined {
	if (value === undefined) return undefined;
	const match = DURATION.exec(value.trim());
	if (!match) throw new UsageError(`--${flag} must be a duration such as 30s, 15m, 24h or 1d (got "${value}")`);
	return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

function overlap(value: string | undefined): ScheduleOverlapPolicy | undefined {
	if (value === undefined) return undefined;
	const key = value.trim().toUpperCase().replace(/-/g, '_');
	if (!Object.prototype.hasOwnProperty.call(ScheduleOverlapPolicy, key)) {
		throw new UsageError(`--overlap must be one of ${Object.keys(ScheduleOverlapPolicy).map((k) => k.toLowerCase().replace(/_/g, '-')).join(', ')}`);
	}
	return ScheduleOverlapPolicy[key as keyof typeof ScheduleOverlapPolicy];
}

function scheduleIdArg(parsed: Parsed): string {
	const id = parsed.positional[1];
	if (!id) throw new UsageError('a schedule id is required');
	const problem = checkJobId(id);
	if (problem) throw new UsageError(`schedule id ${problem}`);
	return id;
}

function readInput(parsed: Parsed): unknown {
	const inline = parsed.options.get('input');
	const file = parsed.options.get('input-file');
	if ((inline === undefined) === (file === undefined)) throw new UsageError('give the job input with exactly one of --input or --input-file');
	const text = inline ?? fs.readFileSync(file!, 'utf8');
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new UsageError(`the job input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/** A plain-JSON view of a schedule description for printing. */
export function scheduleJson(description: ScheduleDescription): Record<string, unknown> {
	const action = description.action;
	return {
		scheduleId: description.scheduleId,
		paused: description.state.paused,
		note: description.state.note,
		workflowType: action.type === 'startWorkflow' ? action.workflowType : undefined,
		workflowId: action.type === 'startWorkflow' ? action.workflowId : undefined,
		taskQueue: action.type === 'startWorkflow' ? action.taskQueue : undefined,
		spec: description.spec,
		overlap: description.policies.overlap,
		catchupWindowMs: description.policies.catchupWindow,
		actionCount: description.info.numActionsTaken,
		recentActions: description.info.recentActions.map((a) => ({ scheduledAt: a.scheduledAt, takenAt: a.takenAt, workflowId: a.action.workflow.workflowId })),
		nextActionTimes: description.info.nextActionTimes,
	};
}

export interface CliDeps {
	client: Client;
	taskQueue: string;
	out: (line: string) => void;
}

/** Runs one CLI command (argv without node and script). */
export async function runSchedulesCli(argv: string[], deps: CliDeps): Promise<void> {
	const parsed = parseArgs(argv);
	const command = parsed.positional[0];
	if (!command || parsed.flags.has('help')) {
		deps.out(USAGE);
		if (!command) throw new UsageError('no command given');
		return;
	}
	const schedules = deps.client.schedule;
	switch (command) {
		case 'create': {
			const scheduleId = scheduleIdArg(parsed);
			const job = parsed.options.get('job') ?? '';
			if (!isJobName(job)) throw new UsageError(`--job must be one of ${JOB_NAMES.join(', ')}`);
			const input = readInput(parsed);
			const problems = checkJobInput(job, input);
			if (problems.length) throw new UsageError(`invalid job input: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`);
			const every = duration(parsed.options.get('every'), 'every');
			const cron = parsed.options.get('cron')?.trim();
			if ((every === undefined) === !cron) throw new UsageError('give exactly one of --every <duration> or --cron <expression>');
			const spec: ScheduleSpec = every !== undefined
				? { intervals: [{ every, ...(parsed.options.has('offset') ? { offset: duration(parsed.options.get('offset'), 'offset')! } : {}) }] }
				: { cronExpressions: [cron!], ...(parsed.options.has('timezone') ? { timezone: parsed.options.get('timezone') } : {}) };
			const workflowId = parsed.options.get('workflow-id') ?? scheduleId;
			const idProblem = checkJobId(workflowId);
			if (idProblem) throw new UsageError(`--workflow-id ${idProblem}`);
			const definition = JOBS[job];
			const catchupWindow = duration(parsed.options.get('catchup'), 'catchup');
			const handle = await schedules.create({
				scheduleId,
				spec,
				action: {
					type: 'startWorkflow',
					workflowType: definition.workflowType,
					args: [input],
					taskQueue: parsed.options.get('task-queue') ?? deps.taskQueue,
					workflowId,
					memo: { job, startedBy: 'schedule' },
					...(parsed.flags.has('no-search-attributes')
						? {}
						: {
								typedSearchAttributes: new TypedSearchAttributes([
									{ key: TEXTAI_PLATFORM, value: definition.platform },
									{ key: TEXTAI_JOB_KIND, value: definition.kind },
									{ key: TEXTAI_JOB_STATE, value: INITIAL_JOB_STATE },
								]),
							}),
				},
				policies: {
					...(parsed.options.has('overlap') ? { overlap: overlap(parsed.options.get('overlap')) } : {}),
					...(catchupWindow !== undefined ? { catchupWindow } : {}),
					...(parsed.flags.has('pause-on-failure') ? { pauseOnFailure: true } : {}),
				},
				state: { paused: parsed.flags.has('paused'), ...(parsed.options.has('note') ? { note: parsed.options.get('note') } : {}) },
				memo: { job },
			});
			deps.out(JSON.stringify({ created: handle.scheduleId, job }));
			return;
		}
		case 'list': {
			for await (const summary of schedules.list()) {
				const action = summary.action;
				deps.out(
					JSON.stringify({
						scheduleId: summary.scheduleId,
						paused: summary.state.paused,
						note: summary.state.note,
						workflowType: action?.type === 'startWorkflow' ? action.workflowType : undefined,
						nextActionTimes: summary.info.nextActionTimes.slice(0, 3),
					}),
				);
			}
			return;
		}
		case 'describe':
			deps.out(JSON.stringify(scheduleJson(await schedules.getHandle(scheduleIdArg(parsed)).describe()), null, 2));
			return;
		case 'pause':
			await schedules.getHandle(scheduleIdArg(parsed)).pause(parsed.options.get('note'));
			deps.out(JSON.stringify({ paused: parsed.positional[1] }));
			return;
		case 'unpause':
			await schedules.getHandle(scheduleIdArg(parsed)).unpause(parsed.options.get('note'));
			deps.out(JSON.stringify({ unpaused: parsed.positional[1] }));
			return;
		case 'trigger':
			await schedules.getHandle(scheduleIdArg(parsed)).trigger(overlap(parsed.options.get('overlap')));
			deps.out(JSON.stringify({ triggered: parsed.positional[1] }));
			return;
		case 'delete':
			await schedules.getHandle(scheduleIdArg(parsed)).delete();
			deps.out(JSON.stringify({ deleted: parsed.positional[1] }));
			return;
		default:
			throw new UsageError(`unknown command "${command}"`);
	}
}

async function main(): Promise<void> {
	const settings = settingsFromEnv();
	const { client, close } = await connectClient(settings);
	try {
		await runSchedulesCli(process.argv.slice(2), { client, taskQueue: settings.taskQueue, out: (line) => process.stdout.write(`${line}\n`) });
	} finally {
		await close();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		const message = error instanceof Error ? error.message : String(error);
		if (error instanceof UsageError) process.stderr.write(`${message}\n${USAGE}\n`);
		else if (error instanceof ScheduleNotFoundError) process.stderr.write(`schedule not found: ${message}\n`);
		else process.stderr.write(`schedules: ${message}\n`);
		process.exit(error instanceof UsageError ? 2 : 1);
	});
}
