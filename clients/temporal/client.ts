import { randomUUID } from 'node:crypto';
import { ApiError, fillPath, HttpClient, PlatformError, ValidationError, type AuthProvider, type ClientConfig, type QueryValue, type ValidationIssue } from '../core';
import { checkJobId, checkJobInput, INITIAL_JOB_STATE, isJobName, JOBS, jobForWorkflowType, SEARCH_ATTRIBUTE_NAMES, type JobName } from './jobs';
import type { KeyRing } from './payloadCrypto';
import { PayloadConverter, settle, type WirePayload } from './payloads';
import { TEMPORAL_MEDIA_TYPE, TEMPORAL_ROUTES, type TemporalOperation } from './routes';
import {
	OVERLAP_POLICIES,
	VISIBILITY_STATUS,
	type CreateScheduleOptions,
	type Duration,
	type OverlapPolicy,
	type ScheduleAction,
	type ScheduleDescription,
	type ScheduleSpecSummary,
	type ScheduleSummary,
	type StartResult,
	type WireDescribeSchedule,
	type WireDescribeWorkflow,
	type WireExecutionInfo,
	type WireFailure,
	type WireHistory,
	type WireHistoryEvent,
	type WireScheduleAction,
	type WireScheduleListEntry,
	type WireScheduleSpec,
	type WorkflowDescription,
	type WorkflowFailureInfo,
	type WorkflowOutcome,
	type WorkflowStatus,
	type WorkflowSummary,
} from './types';

const PLATFORM = 'Temporal';
const DEFAULT_IDENTITY = 'n8n-nodes-textai';

export interface TemporalClientConfig extends ClientConfig {
	namespace: string;
	/** Payload encryption keys (`<id>:<base64 32 bytes>[,...]`, first = active) or a parsed ring. */
	payloadKeys?: string | KeyRing;
	/** Who the calls come from, as Temporal records it (default `n8n-nodes-textai`). */
	identity?: string;
	/** Clock for wait deadlines (tests). */
	now?: () => number;
	/** Request id generator (tests). */
	requestId?: () => string;
}

export interface StartJobOptions {
	/** Stable workflow id: the same id returns the same job instead of starting a second one. */
	jobId: string;
	taskQueue: string;
	memo?: Record<string, unknown>;
	/** Set false on namespaces where the Textai* search attributes are not registered. */
	searchAttributes?: boolean;
	/**
	 * When the job id names a finished execution: `return-existing` (default) returns it, so a
	 * retried call never runs the job twice; `start-new` starts a new run under the same id.
	 */
	ifFinished?: 'return-existing' | 'start-new';
}

export interface WaitOptions {
	/** Time between status checks (default 2 s). */
	pollIntervalMs?: number;
	/** Give up after this long (default 5 minutes). */
	timeoutMs?: number;
	/** A specific run (default: the latest run of the workflow id). */
	runId?: string;
}

export interface ListOptions {
	/** Visibility query, e.g. `WorkflowType = "reinferBulkSync" AND ExecutionStatus = "Running"`. */
	query?: string;
	/** At most this many (all when undefined). */
	limit?: number;
	pageSize?: number;
}

export interface VisibilityFilter {
	job?: JobName;
	status?: Exclude<WorkflowStatus, 'UNSPECIFIED' | 'PAUSED'>;
	/** Extra visibility query, ANDed with the filters. */
	query?: string;
}

/** A job did not complete: it failed, was cancelled, terminated or timed out. */
export class JobOutcomeError extends PlatformError {
	readonly kind = 'api' as const;
	readonly retryable = false;

	constructor(
		message: string,
		readonly workflowId: string,
		readonly runId: string,
		readonly status: WorkflowStatus,
		readonly failure?: WorkflowFailureInfo,
		operation = 'getResult',
	) {
		super(message, PLATFORM, operation);
	}
}

/** Waiting for a job ran out of time; the job itself keeps running. */
export class JobWaitTimeoutError extends PlatformError {
	readonly kind = 'api' as const;
	readonly retryable = true;

	constructor(
		readonly workflowId: string,
		readonly runId: string,
		readonly waitedMs: number,
	) {
		super(`Temporal job "${workflowId}" is still running after waiting ${Math.round(waitedMs / 1000)} s (it keeps running; get its result later)`, PLATFORM, 'getResult');
	}
}

/** Bearer API key authentication (Temporal Cloud API keys), for callers outside n8n. */
export function apiKeyAuth(apiKey: string | undefined): AuthProvider {
	return {
		headers: async (): Promise<Record<string, string>> => (apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
		secrets: () => (apiKey ? [apiKey] : []),
	};
}

/** The secrets a payload key spec holds (the whole spec and each key), for redaction. */
export function payloadKeySecrets(spec: string | undefined): string[] {
	if (!spec) return [];
	const keys = spec
		.split(',')
		.map((part) => part.slice(part.indexOf(':') + 1).trim())
		.filter(Boolean);
	return [spec, ...keys];
}

const MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds of a duration (a number of ms, or text: `500ms`, `2s`, `1.5m`, `24h`, `1d`); undefined when unreadable. */
export function parseDuration(value: Duration): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
	const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(String(value));
	return match ? Number(match[1]) * MS[match[2] as keyof typeof MS] : undefined;
}

/** Like parseDuration, but raises a ValidationError naming the field. */
export function durationMs(value: Duration, field = 'duration'): number {
	const ms = parseDuration(value);
	if (ms === undefined) throw new ValidationError([durationIssue(value, field)], PLATFORM, 'duration');
	return ms;
}

function durationIssue(value: Duration, field: string): ValidationIssue {
	return { field, problem: `must be a duration such as 500ms, 30s, 5m, 24h or 1d (got ${JSON.stringify(value)})` };
}

/** Issues for an optional duration that must be at least `minMs`. */
function checkDuration(value: Duration | undefined, field: string, minMs: number, minText: string): ValidationIssue[] {
	if (value === undefined) return [];
	const ms = parseDuration(value);
	if (ms === undefined) return [durationIssue(value, field)];
	return ms < minMs ? [{ field, problem: `must be at least ${minText}` }] : [];
}

/** A duration in proto JSON (`"2s"`, `"0.5s"`). */
function protoDuration(value: Duration, field: string): string {
	const ms = durationMs(value, field);
	return `${Number((ms / 1000).toFixed(3))}s`;
}

function stripPrefix(value: string | undefined, prefix: string): string | undefined {
	return value?.startsWith(prefix) ? value.slice(prefix.length) : value;
}

function toStatus(value: string | undefined): WorkflowStatus {
	return (stripPrefix(value, 'WORKFLOW_EXECUTION_STATUS_') as WorkflowStatus | undefined) ?? 'UNSPECIFIED';
}

const toNumber = (value: string | number | undefined) => (value === undefined ? 0 : Number(value));

/** Quotes a value for a visibility query. */
function quote(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Typed client for Temporal's HTTP API (the grpc-gateway of the frontend service), built on the
 * shared HttpClient: start jobs idempotently, describe, signal, query, wait for results, cancel,
 * terminate, list by visibility query, and manage schedules. With payload keys configured it
 * encrypts inputs, signal and query arguments and decrypts results, exactly as the worker's codec.
 */
export class TemporalClient {
	readonly http: HttpClient;
	readonly namespace: string;
	readonly payloads: PayloadConverter;
	private readonly identity: string;
	private readonly now: () => number;
	private readonly newRequestId: () => string;

	constructor(config: TemporalClientConfig) {
		this.http = new HttpClient(
			{ name: PLATFORM, errorMessage: (body) => (body && typeof body === 'object' ? (body as { message?: string }).message : typeof body === 'string' ? body.slice(0, 300) : undefined) },
			config,
		);
		if (!config.namespace) throw new ValidationError([{ field: 'namespace', problem: 'is required' }], PLATFORM, 'configure');
		this.namespace = config.namespace;
		this.payloads = new PayloadConverter(config.payloadKeys);
		this.identity = config.identity ?? DEFAULT_IDENTITY;
		this.now = config.now ?? Date.now;
		this.newRequestId = config.requestId ?? randomUUID;
	}

	private async call<T>(operation: TemporalOperation, params: Record<string, string>, options: { body?: unknown; query?: Record<string, QueryValue> } = {}): Promise<T> {
		const route = TEMPORAL_ROUTES[operation];
		const headers: Record<string, string> = { Accept: TEMPORAL_MEDIA_TYPE };
		if (options.body !== undefined) headers['Content-Type'] = TEMPORAL_MEDIA_TYPE;
		const body = await this.http.call<T | string>(
			{ name: operation, method: route.method, idempotent: route.idempotent },
			{ path: fillPath(route.path, { namespace: this.namespace, ...params }), body: options.body, query: options.query, headers },
		);
		return parseBody<T>(body);
	}

	private check(operation: string, issues: ValidationIssue[]): void {
		if (issues.length) throw new ValidationError(issues, PLATFORM, operation);
	}

	private checkId(operation: string, field: string, id: string): void {
		const issues: ValidationIssue[] = [];
		if (typeof id !== 'string' || id.trim() === '') issues.push({ field, problem: 'is required' });
		else if (id.includes('/')) issues.push({ field, problem: 'must not contain "/" (Temporal\'s HTTP API cannot address such ids)' });
		this.check(operation, issues);
	}

	// --- namespace -------------------------------------------------------------------------------

	/** Describes the namespace: a cheap way to check the URL, the API key and the namespace. */
	async describeNamespace(): Promise<{ name: string; state?: string }> {
		const body = await this.call<{ namespaceInfo?: { name: string; state?: string } }>('describeNamespace', {});
		return { name: body.namespaceInfo?.name ?? this.namespace, state: stripPrefix(body.namespaceInfo?.state, 'NAMESPACE_STATE_') };
	}

	// --- workflows -------------------------------------------------------------------------------

	private searchAttributesFor(job: JobName): Record<string, WirePayload> {
		const { platform, kind } = JOBS[job];
		const keyword = { type: 'Keyword' };
		return {
			[SEARCH_ATTRIBUTE_NAMES.platform]: PayloadConverter.plain(platform, keyword),
			[SEARCH_ATTRIBUTE_NAMES.kind]: PayloadConverter.plain(kind, keyword),
			[SEARCH_ATTRIBUTE_NAMES.state]: PayloadConverter.plain(INITIAL_JOB_STATE, keyword),
		};
	}

	/**
	 * Starts a catalogue job. Idempotent: the same job id returns the running (or, by default,
	 * finished) execution with `started: false` instead of starting another one.
	 */
	async startJob(job: string, input: unknown, options: StartJobOptions): Promise<StartResult> {
		const issues: ValidationIssue[] = [];
		if (!isJobName(job)) issues.push({ field: 'job', problem: `is not a known job (known: ${Object.keys(JOBS).sort().join(', ')})` });
		else issues.push(...checkJobInput(job, input));
		const idProblem = checkJobId(options.jobId);
		if (idProblem) issues.push({ field: 'jobId', problem: idProblem });
		if (!options.taskQueue) issues.push({ field: 'taskQueue', problem: 'is required' });
		this.check('startJob', issues);
		const name = job as JobName;
		const definition = JOBS[name];
		const body = {
			workflowId: options.jobId,
			workflowType: { name: definition.workflowType },
			taskQueue: { name: options.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
			input: this.payloads.encodeAll([input]),
			identity: this.identity,
			requestId: this.newRequestId(),
			workflowIdConflictPolicy: 'WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING',
			workflowIdReusePolicy: options.ifFinished === 'start-new' ? 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE' : 'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE',
			memo: { fields: this.payloads.encodeMap({ job: name, ...options.memo }) },
			...(options.searchAttributes === false ? {} : { searchAttributes: { indexedFields: this.searchAttributesFor(name) } }),
		};
		const response = await this.call<{ runId: string; started?: boolean }>('startWorkflow', { workflowId: options.jobId }, { body }).catch((error: unknown) => {
			// A finished execution under this id (REJECT_DUPLICATE): hand that one back.
			const runId = alreadyStartedRunId(error);
			return runId === undefined ? Promise.reject(error) : { runId, started: false };
		});
		const result: StartResult = { workflowId: options.jobId, runId: response.runId, started: response.started === true, job: name };
		if (!result.started) {
			// The id is taken: make sure it is the same job, not an unrelated workflow.
			const existing = await this.describe(options.jobId, result.runId);
			if (existing.workflowType !== definition.workflowType) {
				throw new ValidationError([{ field: 'jobId', problem: `"${options.jobId}" already names a ${existing.workflowType} workflow, not a ${name} job` }], PLATFORM, 'startJob');
			}
		}
		return result;
	}

	/** Status, memo and search attributes of a workflow (its latest run unless `runId` is given). */
	async describe(workflowId: string, runId?: string): Promise<WorkflowDescription> {
		this.checkId('describe', 'workflowId', workflowId);
		const body = await this.call<WireDescribeWorkflow>('describeWorkflow', { workflowId }, { query: { 'execution.runId': runId || undefined } });
		return { ...this.summarise(body.workflowExecutionInfo), firstRunId: body.workflowExecutionInfo.firstRunId, pendingActivities: body.pendingActivities?.length ?? 0 };
	}

	private summarise(info: WireExecutionInfo): WorkflowSummary {
		const memo = this.payloads.decodeMap(info.memo?.fields);
		const searchAttributes = PLAIN.decodeMap(info.searchAttributes?.indexedFields);
		const workflowType = info.type?.name ?? '';
		const job = typeof memo.job === 'string' && isJobName(memo.job) ? memo.job : jobForWorkflowType(workflowType);
		const scheduleId = typeof searchAttributes.TemporalScheduledById === 'string' ? searchAttributes.TemporalScheduledById : undefined;
		return {
			workflowId: info.execution.workflowId,
			runId: info.execution.runId ?? '',
			workflowType,
			...(job ? { job } : {}),
			status: toStatus(info.status),
			startTime: info.startTime,
			executionTime: info.executionTime,
			closeTime: info.closeTime,
			historyLength: info.historyLength === undefined ? undefined : Number(info.historyLength),
			taskQueue: info.taskQueue,
			memo,
			searchAttributes,
			...(scheduleId ? { scheduleId } : {}),
		};
	}

	/** Sends a signal (e.g. `pause`, `resume`, `stop`) with optional arguments. */
	async signal(workflowId: string, signalName: string, args: unknown[] = [], runId?: string): Promise<void> {
		this.checkId('signal', 'workflowId', workflowId);
		this.check('signal', signalName ? [] : [{ field: 'signalName', problem: 'is required' }]);
		await this.call('signalWorkflow', { workflowId, signalName }, {
			body: { workflowExecution: { workflowId, runId: runId || undefined }, signalName, input: this.payloads.encodeAll(args), identity: this.identity, requestId: this.newRequestId() },
		});
	}

	/** Runs a query (e.g. `progress`) and returns its answer. */
	async query(workflowId: string, queryType: string, args: unknown[] = [], runId?: string): Promise<unknown> {
		this.checkId('query', 'workflowId', workflowId);
		this.check('query', queryType ? [] : [{ field: 'queryType', problem: 'is required' }]);
		const body = await this.call<{ queryResult?: { payloads?: WirePayload[] }; queryRejected?: { status?: string } }>('queryWorkflow', { workflowId, queryType }, {
			body: { execution: { workflowId, runId: runId || undefined }, query: { queryType, queryArgs: this.payloads.encodeAll(args) } },
		});
		if (body.queryRejected) {
			throw new JobOutcomeError(`Temporal rejected the "${queryType}" query: the workflow is ${toStatus(body.queryRejected.status)}`, workflowId, runId ?? '', toStatus(body.queryRejected.status), undefined, 'query');
		}
		return this.payloads.decodeFirst(body.queryResult);
	}

	/** Asks the workflow to cancel (it may clean up first). */
	async cancel(workflowId: string, reason?: string, runId?: string): Promise<void> {
		this.checkId('cancel', 'workflowId', workflowId);
		await this.call('cancelWorkflow', { workflowId }, { body: { workflowExecution: { workflowId, runId: runId || undefined }, identity: this.identity, requestId: this.newRequestId(), reason } });
	}

	/** Ends the workflow at once, without running its cleanup. */
	async terminate(workflowId: string, reason?: string, runId?: string): Promise<void> {
		this.checkId('terminate', 'workflowId', workflowId);
		await this.call('terminateWorkflow', { workflowId }, { body: { workflowExecution: { workflowId, runId: runId || undefined }, reason, identity: this.identity } });
	}

	/** The close event of one run (undefined while it runs). */
	private async closeEvent(workflowId: string, runId: string): Promise<WireHistoryEvent | undefined> {
		const body = await this.call<WireHistory>('getHistory', { workflowId }, { query: { 'execution.runId': runId, historyEventFilterType: 'HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT' } });
		return body.history?.events?.at(-1);
	}

	/**
	 * Waits until the workflow closes and returns its result. Follows continue-as-new (and retry)
	 * chains to the last run. A failed, cancelled, terminated or timed out job raises
	 * JobOutcomeError; running out of time raises JobWaitTimeoutError (the job keeps running).
	 */
	async getResult(workflowId: string, options: WaitOptions = {}): Promise<WorkflowOutcome> {
		this.checkId('getResult', 'workflowId', workflowId);
		const pollMs = Math.max(50, options.pollIntervalMs ?? 2_000);
		const timeoutMs = options.timeoutMs ?? 300_000;
		const started = this.now();
		let runId = options.runId;
		for (;;) {
			const description = await this.describe(workflowId, runId);
			if (description.status !== 'RUNNING') {
				const event = await this.closeEvent(workflowId, description.runId);
				const next = nextRunId(event);
				if (next) {
					runId = next;
					continue;
				}
				return this.outcome(workflowId, description.runId, description.status, event);
			}
			const waited = this.now() - started;
			if (waited >= timeoutMs) throw new JobWaitTimeoutError(workflowId, description.runId, waited);
			await this.http.sleep(Math.min(pollMs, Math.max(0, timeoutMs - waited)));
		}
	}

	private outcome(workflowId: string, runId: string, status: WorkflowStatus, event: WireHistoryEvent | undefined): WorkflowOutcome {
		const completed = event?.workflowExecutionCompletedEventAttributes;
		if (status === 'COMPLETED' && completed) return { workflowId, runId, status: 'COMPLETED', result: this.payloads.decodeFirst(completed.result) };
		const failed = event?.workflowExecutionFailedEventAttributes?.failure;
		if (failed) {
			const failure = this.failureInfo(failed);
			throw new JobOutcomeError(`Temporal job "${workflowId}" failed: ${failureChain(failure)}`, workflowId, runId, 'FAILED', failure);
		}
		const terminated = event?.workflowExecutionTerminatedEventAttributes;
		if (status === 'TERMINATED') throw new JobOutcomeError(`Temporal job "${workflowId}" was terminated${terminated?.reason ? `: ${terminated.reason}` : ''}`, workflowId, runId, status);
		if (status === 'CANCELED') throw new JobOutcomeError(`Temporal job "${workflowId}" was cancelled`, workflowId, runId, status);
		if (status === 'TIMED_OUT') throw new JobOutcomeError(`Temporal job "${workflowId}" timed out`, workflowId, runId, status);
		throw new JobOutcomeError(`Temporal job "${workflowId}" closed with status ${status}`, workflowId, runId, status);
	}

	private failureInfo(failure: WireFailure, depth = 0): WorkflowFailureInfo {
		let message = failure.message ?? '';
		let stackTrace = failure.stackTrace;
		if (failure.encodedAttributes) {
			const decoded = settle(() => this.payloads.decode(failure.encodedAttributes) as { message?: string; stack_trace?: string } | null);
			if (decoded.ok) {
				message = decoded.value?.message ?? message;
				stackTrace = decoded.value?.stack_trace ?? stackTrace;
			} else {
				message ||= `(failure message unreadable: ${decoded.reason})`;
			}
		}
		return {
			message,
			...(failure.applicationFailureInfo?.type ? { type: failure.applicationFailureInfo.type } : {}),
			...(failure.applicationFailureInfo?.nonRetryable ? { nonRetryable: true } : {}),
			...(stackTrace ? { stackTrace } : {}),
			...(failure.cause && depth < 5 ? { cause: this.failureInfo(failure.cause, depth + 1) } : {}),
		};
	}

	/** Executions matching a visibility query, newest first. */
	async *iterateWorkflows(options: ListOptions = {}): AsyncGenerator<WorkflowSummary> {
		let pageToken: string | undefined;
		let yielded = 0;
		const pageSize = Math.min(1000, options.pageSize ?? Math.max(1, Math.min(options.limit ?? 100, 100)));
		do {
			const body = await this.call<{ executions?: WireExecutionInfo[]; nextPageToken?: string }>('listWorkflows', {}, { query: { query: options.query || undefined, pageSize, nextPageToken: pageToken } });
			for (const info of body.executions ?? []) {
				if (options.limit !== undefined && yielded >= options.limit) return;
				yielded++;
				yield this.summarise(info);
			}
			pageToken = body.nextPageToken || undefined;
		} while (pageToken && (options.limit === undefined || yielded < options.limit));
	}

	async listWorkflows(options: ListOptions = {}): Promise<WorkflowSummary[]> {
		const out: WorkflowSummary[] = [];
		for await (const summary of this.iterateWorkflows(options)) out.push(summary);
		return out;
	}

	// --- schedules -------------------------------------------------------------------------------

	/** Creates a schedule that starts a catalogue job on an interval or cron calendar. */
	async createSchedule(options: CreateScheduleOptions): Promise<{ scheduleId: string }> {
		const issues: ValidationIssue[] = [];
		const scheduleIdProblem = checkJobId(options.scheduleId);
		if (scheduleIdProblem) issues.push({ field: 'scheduleId', problem: scheduleIdProblem });
		if (!isJobName(options.job)) issues.push({ field: 'job', problem: `is not a known job (known: ${Object.keys(JOBS).sort().join(', ')})` });
		else issues.push(...checkJobInput(options.job, options.input));
		const workflowId = options.workflowId || options.scheduleId;
		const workflowIdProblem = options.workflowId ? checkJobId(options.workflowId) : undefined;
		if (workflowIdProblem) issues.push({ field: 'workflowId', problem: workflowIdProblem });
		if (!options.taskQueue) issues.push({ field: 'taskQueue', problem: 'is required' });
		const intervals = options.spec.intervals ?? [];
		const cron = (options.spec.cron ?? []).map((c) => c.trim()).filter(Boolean);
		if (intervals.length === 0 && cron.length === 0) issues.push({ field: 'spec', problem: 'needs an interval or a cron expression' });
		for (const [i, interval] of intervals.entries()) {
			issues.push(...checkDuration(interval.every, `spec.intervals[${i}].every`, 1000, '1s'), ...checkDuration(interval.offset, `spec.intervals[${i}].offset`, 0, '0s'));
		}
		issues.push(...checkDuration(options.spec.jitter, 'spec.jitter', 0, '0s'));
		if (options.overlapPolicy && !OVERLAP_POLICIES.includes(options.overlapPolicy)) issues.push({ field: 'overlapPolicy', problem: `must be one of ${OVERLAP_POLICIES.join(', ')}` });
		issues.push(...checkDuration(options.catchupWindow, 'catchupWindow', 10_000, '10s'));
		this.check('createSchedule', issues);
		const job = options.job;
		const spec = {
			interval: intervals.length ? intervals.map((i, n) => ({ interval: protoDuration(i.every, `spec.intervals[${n}].every`), ...(i.offset !== undefined ? { phase: protoDuration(i.offset, `spec.intervals[${n}].offset`) } : {}) })) : undefined,
			cronString: cron.length ? cron : undefined,
			timezoneName: options.spec.timezone || undefined,
			jitter: options.spec.jitter !== undefined ? protoDuration(options.spec.jitter, 'spec.jitter') : undefined,
			startTime: options.spec.startAt || undefined,
			endTime: options.spec.endAt || undefined,
		};
		const body = {
			identity: this.identity,
			requestId: this.newRequestId(),
			schedule: {
				spec,
				action: {
					startWorkflow: {
						workflowId,
						workflowType: { name: JOBS[job].workflowType },
						taskQueue: { name: options.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
						input: this.payloads.encodeAll([options.input]),
						memo: { fields: this.payloads.encodeMap({ job, ...options.memo }) },
						...(options.searchAttributes === false ? {} : { searchAttributes: { indexedFields: this.searchAttributesFor(job) } }),
					},
				},
				policies: {
					overlapPolicy: `SCHEDULE_OVERLAP_POLICY_${options.overlapPolicy ?? 'SKIP'}`,
					...(options.catchupWindow !== undefined ? { catchupWindow: protoDuration(options.catchupWindow, 'catchupWindow') } : {}),
					...(options.pauseOnFailure ? { pauseOnFailure: true } : {}),
				},
				state: { paused: options.paused === true, ...(options.notes ? { notes: options.notes } : {}) },
			},
			memo: { fields: this.payloads.encodeMap({ job }) },
		};
		await this.call('createSchedule', { scheduleId: options.scheduleId }, { body });
		return { scheduleId: options.scheduleId };
	}

	async describeSchedule(scheduleId: string): Promise<ScheduleDescription> {
		this.checkId('describeSchedule', 'scheduleId', scheduleId);
		const body = await this.call<WireDescribeSchedule>('describeSchedule', { scheduleId });
		const action = body.schedule?.action?.startWorkflow;
		const memo = this.payloads.decodeMap(body.memo?.fields);
		const workflowType = action?.workflowType?.name;
		const decodedInput = settle(() => this.payloads.decodeFirst(action?.input));
		const input = decodedInput.ok ? decodedInput.value : null;
		const info = body.info ?? {};
		const policies = body.schedule?.policies ?? {};
		return {
			scheduleId,
			paused: body.schedule?.state?.paused === true,
			notes: body.schedule?.state?.notes || undefined,
			spec: specSummary(body.schedule?.spec),
			workflowType,
			job: jobOf(memo, workflowType),
			workflowId: action?.workflowId,
			taskQueue: action?.taskQueue?.name,
			input,
			overlapPolicy: (stripPrefix(policies.overlapPolicy, 'SCHEDULE_OVERLAP_POLICY_') as OverlapPolicy | undefined) ?? 'SKIP',
			catchupWindow: policies.catchupWindow,
			pauseOnFailure: policies.pauseOnFailure === true,
			actionCount: toNumber(info.actionCount),
			missedCatchupWindow: toNumber(info.missedCatchupWindow),
			overlapSkipped: toNumber(info.overlapSkipped),
			runningWorkflows: (info.runningWorkflows ?? []).map((e) => ({ workflowId: e.workflowId, runId: e.runId })),
			recentActions: (info.recentActions ?? []).map(actionSummary),
			futureActionTimes: info.futureActionTimes ?? [],
			createTime: info.createTime,
			updateTime: info.updateTime,
			memo,
		};
	}

	/** Schedules of the namespace (the list is eventually consistent: a new schedule shows up within a second or so). */
	async *iterateSchedules(options: { limit?: number; pageSize?: number; query?: string } = {}): AsyncGenerator<ScheduleSummary> {
		let pageToken: string | undefined;
		let yielded = 0;
		const maximumPageSize = Math.min(1000, options.pageSize ?? Math.max(1, Math.min(options.limit ?? 100, 100)));
		do {
			const body = await this.call<{ schedules?: WireScheduleListEntry[]; nextPageToken?: string }>('listSchedules', {}, { query: { maximumPageSize, nextPageToken: pageToken, query: options.query || undefined } });
			for (const entry of body.schedules ?? []) {
				if (options.limit !== undefined && yielded >= options.limit) return;
				yielded++;
				const memo = this.payloads.decodeMap(entry.memo?.fields);
				const workflowType = entry.info?.workflowType?.name;
				yield {
					scheduleId: entry.scheduleId,
					paused: entry.info?.paused === true,
					notes: entry.info?.notes || undefined,
					workflowType,
					job: jobOf(memo, workflowType),
					spec: specSummary(entry.info?.spec),
					recentActions: (entry.info?.recentActions ?? []).map(actionSummary),
					futureActionTimes: entry.info?.futureActionTimes ?? [],
					memo,
				};
			}
			pageToken = body.nextPageToken || undefined;
		} while (pageToken && (options.limit === undefined || yielded < options.limit));
	}

	async listSchedules(options: { limit?: number; pageSize?: number; query?: string } = {}): Promise<ScheduleSummary[]> {
		const out: ScheduleSummary[] = [];
		for await (const summary of this.iterateSchedules(options)) out.push(summary);
		return out;
	}

	private async patchSchedule(operation: string, scheduleId: string, patch: Record<string, unknown>): Promise<void> {
		this.checkId(operation, 'scheduleId', scheduleId);
		await this.call('patchSchedule', { scheduleId }, { body: { patch, identity: this.identity, requestId: this.newRequestId() } });
	}

	async pauseSchedule(scheduleId: string, note?: string): Promise<void> {
		await this.patchSchedule('pauseSchedule', scheduleId, { pause: note || 'Paused from n8n' });
	}

	async unpauseSchedule(scheduleId: string, note?: string): Promise<void> {
		await this.patchSchedule('unpauseSchedule', scheduleId, { unpause: note || 'Unpaused from n8n' });
	}

	/** Starts the schedule's job now, whatever its calendar (and even when it is paused). */
	async triggerSchedule(scheduleId: string, overlapPolicy?: OverlapPolicy): Promise<void> {
		if (overlapPolicy && !OVERLAP_POLICIES.includes(overlapPolicy)) this.check('triggerSchedule', [{ field: 'overlapPolicy', problem: `must be one of ${OVERLAP_POLICIES.join(', ')}` }]);
		await this.patchSchedule('triggerSchedule', scheduleId, { triggerImmediately: overlapPolicy ? { overlapPolicy: `SCHEDULE_OVERLAP_POLICY_${overlapPolicy}` } : {} });
	}

	/** Deletes the schedule; runs it already started are not affected. */
	async deleteSchedule(scheduleId: string): Promise<void> {
		this.checkId('deleteSchedule', 'scheduleId', scheduleId);
		await this.call('deleteSchedule', { scheduleId }, { query: { identity: this.identity } });
	}
}

/** Decoder for search attributes: plain JSON, never encrypted. */
const PLAIN = new PayloadConverter();

/** Builds a visibility query from simple filters, e.g. `WorkflowType = "reinferBulkSync" AND ExecutionStatus = "Running"`. */
export function visibilityQuery(filter: VisibilityFilter): string {
	const parts: string[] = [];
	if (filter.job) parts.push(`WorkflowType = ${quote(JOBS[filter.job].workflowType)}`);
	if (filter.status) parts.push(`ExecutionStatus = ${quote(VISIBILITY_STATUS[filter.status])}`);
	if (filter.query?.trim()) parts.push(parts.length ? `(${filter.query.trim()})` : filter.query.trim());
	return parts.join(' AND ');
}

function parseBody<T>(body: unknown): T {
	if (body instanceof Uint8Array) body = new TextDecoder().decode(body);
	if (typeof body === 'string') {
		if (body.trim() === '') return {} as T;
		return JSON.parse(body) as T;
	}
	return (body ?? {}) as T;
}

/** The run id an "already started" (409) answer names, if that is what the error is. */
function alreadyStartedRunId(error: unknown): string | undefined {
	if (!(error instanceof ApiError) || error.status !== 409) return undefined;
	const details = (error.body as { details?: Array<{ '@type'?: string; runId?: string }> } | undefined)?.details ?? [];
	return details.find((d) => d['@type']?.endsWith('WorkflowExecutionAlreadyStartedFailure'))?.runId;
}

function nextRunId(event: WireHistoryEvent | undefined): string | undefined {
	if (!event) return undefined;
	return (
		event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ||
		event.workflowExecutionCompletedEventAttributes?.newExecutionRunId ||
		event.workflowExecutionFailedEventAttributes?.newExecutionRunId ||
		event.workflowExecutionTimedOutEventAttributes?.newExecutionRunId ||
		undefined
	);
}

function failureChain(failure: WorkflowFailureInfo): string {
	const parts: string[] = [];
	for (let f: WorkflowFailureInfo | undefined = failure; f && parts.length < 4; f = f.cause) {
		const text = f.type && !f.message.startsWith(f.type) ? `${f.type}: ${f.message}` : f.message;
		if (text && !parts.includes(text)) parts.push(text);
	}
	return parts.join(' <- ') || 'no failure message';
}

function jobOf(memo: Record<string, unknown>, workflowType: string | undefined): JobName | undefined {
	if (typeof memo.job === 'string' && isJobName(memo.job)) return memo.job;
	return workflowType ? jobForWorkflowType(workflowType) : undefined;
}

function specSummary(spec: WireScheduleSpec | undefined): ScheduleSpecSummary {
	return {
		intervals: (spec?.interval ?? []).map((i) => ({ every: i.interval, ...(i.phase && i.phase !== '0s' ? { offset: i.phase } : {}) })),
		cron: spec?.cronString ?? [],
		calendars: [...(spec?.structuredCalendar ?? []), ...(spec?.calendar ?? [])],
		...(spec?.timezoneName ? { timezone: spec.timezoneName } : {}),
		...(spec?.jitter ? { jitter: spec.jitter } : {}),
		...(spec?.startTime ? { startAt: spec.startTime } : {}),
		...(spec?.endTime ? { endAt: spec.endTime } : {}),
	};
}

function actionSummary(action: WireScheduleAction): ScheduleAction {
	return {
		scheduleTime: action.scheduleTime,
		actualTime: action.actualTime,
		workflowId: action.startWorkflowResult?.workflowId,
		runId: action.startWorkflowResult?.runId,
		...(action.startWorkflowStatus ? { status: toStatus(action.startWorkflowStatus) } : {}),
	};
}
