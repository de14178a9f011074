/**
 * Helpers every bulk benchmark shares: the worker's peak resident memory, the Temporal cost of a
 * job over all of its runs (continue-as-new chains included), and the one markdown row format
 * all bulk benches print, so `npm run bench:all` reads as one table per platform:
 *
 * | platform, bulk path | size | direct loop (docs/s) | Temporal job (docs/s) | ratio job/direct | worker peak RSS | activities per 1,000 docs | largest run's history events |
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import type { Client, WorkflowHandle } from '@temporalio/client';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/** Peak resident set size (VmHWM) of a live process, in MB (Linux /proc). */
export function peakRssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
	return Math.round(kb / 1024);
}

export interface JobOverhead {
	/** ActivityTaskScheduled events summed over every run of the job. */
	activities: number;
	/** Runs in the continue-as-new chain (1 when the job never continued as new). */
	runs: number;
	/** Length of the longest single run's history. */
	maxHistoryEvents: number;
}

/**
 * Walks a job's continue-as-new chain backwards from its latest run (each run's first event names
 * the run it continued from) and counts the activities scheduled and history events of each run.
 */
export async function jobOverhead(client: Client, workflowId: string): Promise<JobOverhead> {
	const overhead: JobOverhead = { activities: 0, runs: 0, maxHistoryEvents: 0 };
	let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
	while (runId) {
		const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
		const events = history.events ?? [];
		overhead.runs++;
		overhead.activities += events.filter((event) => event.activityTaskScheduledEventAttributes != null).length;
		overhead.maxHistoryEvents = Math.max(overhead.maxHistoryEvents, events.length);
		runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
	}
	return overhead;
}

export interface BenchRow {
	/** "platform, bulk path", e.g. "re:infer, bulk sync". */
	path: string;
	/** Documents processed by each side. */
	size: number;
	/** Wall time of the direct-client loop. */
	directSeconds: number;
	/** Wall time of the Temporal job, from start to result. */
	jobSeconds: number;
	workerPeakRssMb: number;
	/** Activities scheduled over all runs of the job. */
	activities: number;
	maxHistoryEvents: number;
}

export const BENCH_TABLE_HEADER =
	"| platform, bulk path | size | direct loop (docs/s) | Temporal job (docs/s) | ratio job/direct | worker peak RSS | activities per 1,000 docs | largest run's history events |\n" +
	'|---|---|---|---|---|---|---|---|\n';

const perSecond = (docs: number, seconds: number) => Math.round(docs / seconds).toLocaleString('en');

/** The markdown row (without a trailing newline) for one size of one bulk path. */
export function formatBenchRow(row: BenchRow): string {
	const perThousand = (row.activities * 1000) / row.size;
	return [
		'',
		row.path,
		row.size.toLocaleString('en'),
		perSecond(row.size, row.directSeconds),
		perSecond(row.size, row.jobSeconds),
		(row.directSeconds / row.jobSeconds).toFixed(2),
		`${row.workerPeakRssMb} MB`,
		perThousand >= 10 ? perThousand.toFixed(0) : perThousand.toFixed(2),
		String(row.maxHistoryEvents),
		'',
	]
		.join(' | ')
		.trim();
}

let headerPrinted = false;

/** Prints the table header (once per process) and then the row. */
export function printBenchRow(row: BenchRow): void {
	if (!headerPrinted) {
		process.stdout.write(BENCH_TABLE_HEADER);
		headerPrinted = true;
	}
	process.stdout.write(`${formatBenchRow(row)}\n`);
}

/** Seconds since `start` (a `process.hrtime.bigint()` reading). */
export function secondsSince(start: bigint): number {
	return Number(process.hrtime.bigint() - start) / 1e9;
}

/** SHA-256 of a file, streamed (results files of a million lines do not fit comfortably in memory). */
export async function fileSha256(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

export interface JobPhase {
	/** Event type, e.g. "ActivityTaskScheduled (reinferPredictSegment)". */
	event: string;
	/** Milliseconds since the job's first run started. */
	atMs: number;
}

/**
 * The timeline of a job over all of its runs (workflow start, each activity scheduled, started
 * and closed, each run's end), in milliseconds from the start: where a slow job spends its time.
 */
export async function jobTimeline(client: Client, workflowId: string): Promise<JobPhase[]> {
	const runs: History[] = [];
	let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
	while (runId) {
		const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
		runs.unshift(history);
		runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
	}
	const millis = (time: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(time?.seconds ?? 0) * 1000 + (time?.nanos ?? 0) / 1e6;
	const start = millis(runs[0]?.events?.[0]?.eventTime);
	const phases: JobPhase[] = [];
	for (const history of runs) {
		const activityTypes = new Map<string, string>();
		for (const event of history.events ?? []) {
			const name = eventName(event.eventType);
			const scheduled = event.activityTaskScheduledEventAttributes;
			if (scheduled) activityTypes.set(String(event.eventId), scheduled.activityType?.name ?? '');
			const scheduledId = event.activityTaskStartedEventAttributes?.scheduledEventId ?? event.activityTaskCompletedEventAttributes?.scheduledEventId ?? event.activityTaskFailedEventAttributes?.scheduledEventId;
			const activity = scheduled ? scheduled.activityType?.name : scheduledId != null ? activityTypes.get(String(scheduledId)) : undefined;
			phases.push({ event: activity ? `${name} (${activity})` : name, atMs: Math.round(millis(event.eventTime) - start) });
		}
	}
	return phases;
}

function eventName(type: number | null | undefined): string {
	const names: Record<number, string> = {
		1: 'WorkflowExecutionStarted',
		2: 'WorkflowExecutionCompleted',
		3: 'WorkflowExecutionFailed',
		5: 'WorkflowTaskScheduled',
		6: 'WorkflowTaskStarted',
		7: 'WorkflowTaskCompleted',
		10: 'ActivityTaskScheduled',
		11: 'ActivityTaskStarted',
		12: 'ActivityTaskCompleted',
		13: 'ActivityTaskFailed',
		14: 'ActivityTaskTimedOut',
		17: 'TimerStarted',
		18: 'TimerFired',
		19: 'TimerCanceled',
		26: 'WorkflowExecutionSignaled',
		28: 'WorkflowExecutionContinuedAsNew',
		40: 'UpsertWorkflowSearchAttributes',
		41: 'WorkflowExecutionUpdateAccepted',
		43: 'WorkflowExecutionUpdateCompleted',
	};
	return names[type ?? 0] ?? `event ${type}`;
}

/** Prints the job's timeline when BENCH_TIMELINE is set (for finding where a slow job's time goes). */
export async function maybePrintTimeline(client: Client, workflowId: string): Promise<void> {
	if (!process.env.BENCH_TIMELINE) return;
	for (const phase of await jobTimeline(client, workflowId)) process.stderr.write(`  ${String(phase.atMs).padStart(8)} ms  ${phase.event}\n`);
}

/** The median of some measurements (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
	if (!values.length) throw new Error('median of no values');
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** CPU seconds (user + system, all threads) a live process has used so far (Linux /proc). */
export function processCpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface CpuSnapshot {
	/** CPU seconds of this process (direct client and, in most benches, the emulator). */
	bench: number;
	worker: number;
}

/** CPU seconds used so far by this process and by the worker. */
export function cpuSnapshot(workerPid: number): CpuSnapshot {
	const usage = process.cpuUsage();
	return { bench: (usage.user + usage.system) / 1e6, worker: processCpuSeconds(workerPid) };
}

/** With BENCH_TIMELINE set, prints the CPU seconds each process used since `from` (where the time went). */
export function maybePrintCpu(label: string, from: CpuSnapshot, workerPid: number): void {
	if (!process.env.BENCH_TIMELINE) return;
	const to = cpuSnapshot(workerPid);
	process.stderr.write(`${label}: CPU seconds, bench process ${(to.bench - from.bench).toFixed(2)}, worker ${(to.worker - from.worker).toFixed(2)}\n`);
}

/** The value after `--<name>` on the command line, if given. */
export function option(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : undefined;
}

/** A whole-number option (`--name N`), at least 1. */
export function countOption(name: string, fallback: number): number {
	const text = option(name);
	const value = text === undefined ? fallback : Number(text);
	if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
	return value;
}
