import type { JobName } from './jobs';
import type { WirePayload, WirePayloads } from './payloads';

/** Execution status without the `WORKFLOW_EXECUTION_STATUS_` prefix. */
export type WorkflowStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED' | 'TERMINATED' | 'CONTINUED_AS_NEW' | 'TIMED_OUT' | 'PAUSED' | 'UNSPECIFIED';

/** Status names as visibility queries spell them (`ExecutionStatus = "Running"`). */
export const VISIBILITY_STATUS: Record<Exclude<WorkflowStatus, 'UNSPECIFIED' | 'PAUSED'>, string> = {
	RUNNING: 'Running',
	COMPLETED: 'Completed',
	FAILED: 'Failed',
	CANCELED: 'Canceled',
	TERMINATED: 'Terminated',
	CONTINUED_AS_NEW: 'ContinuedAsNew',
	TIMED_OUT: 'TimedOut',
};

/** A duration: milliseconds, or text such as `500ms`, `2s`, `5m`, `24h`, `1d`. */
export type Duration = number | string;

export interface WorkflowSummary {
	workflowId: string;
	runId: string;
	workflowType: string;
	/** The catalogue job the execution runs (from its memo, else its workflow type). */
	job?: JobName;
	status: WorkflowStatus;
	startTime?: string;
	executionTime?: string;
	closeTime?: string;
	historyLength?: number;
	taskQueue?: string;
	memo: Record<string, unknown>;
	searchAttributes: Record<string, unknown>;
	/** Set when a schedule started the execution. */
	scheduleId?: string;
}

export interface WorkflowDescription extends WorkflowSummary {
	firstRunId?: string;
	pendingActivities: number;
}

export interface StartResult {
	workflowId: string;
	runId: string;
	/** False when the job id already named an execution, which is returned instead of a new one. */
	started: boolean;
	job?: JobName;
}

export interface WorkflowFailureInfo {
	message: string;
	type?: string;
	nonRetryable?: boolean;
	stackTrace?: string;
	cause?: WorkflowFailureInfo;
}

export interface WorkflowOutcome {
	workflowId: string;
	runId: string;
	status: 'COMPLETED';
	result: unknown;
}

export type OverlapPolicy = 'SKIP' | 'BUFFER_ONE' | 'BUFFER_ALL' | 'CANCEL_OTHER' | 'TERMINATE_OTHER' | 'ALLOW_ALL';

export const OVERLAP_POLICIES: readonly OverlapPolicy[] = ['SKIP', 'BUFFER_ONE', 'BUFFER_ALL', 'CANCEL_OTHER', 'TERMINATE_OTHER', 'ALLOW_ALL'];

export interface ScheduleSpecInput {
	/** Fire every `every` (e.g. `2s`, `24h`), shifted by `offset` within each interval. */
	intervals?: Array<{ every: Duration; offset?: Duration }>;
	/** Cron expressions (5-7 fields), e.g. `0 2 * * *` for 02:00 every day. */
	cron?: string[];
	/** IANA time zone the cron expressions are read in (default UTC). */
	timezone?: string;
	/** Random delay added to each action, up to this long. */
	jitter?: Duration;
	/** ISO-8601 times bounding the schedule. */
	startAt?: string;
	endAt?: string;
}

export interface CreateScheduleOptions {
	scheduleId: string;
	job: JobName;
	input: unknown;
	taskQueue: string;
	/** Prefix of the started workflows' ids (Temporal appends the scheduled time). Default: the schedule id. */
	workflowId?: string;
	spec: ScheduleSpecInput;
	/** What to do when a run is due while the previous one still runs (default SKIP). */
	overlapPolicy?: OverlapPolicy;
	/** How late a missed run may still start, e.g. after a server outage (default 1 year; minimum 10 s). */
	catchupWindow?: Duration;
	/** Pause the schedule when a run fails. */
	pauseOnFailure?: boolean;
	/** Create the schedule paused. */
	paused?: boolean;
	notes?: string;
	memo?: Record<string, unknown>;
	/** Set the Textai* search attributes on started runs (default true). */
	searchAttributes?: boolean;
}

export interface ScheduleAction {
	scheduleTime?: string;
	actualTime?: string;
	workflowId?: string;
	runId?: string;
	status?: WorkflowStatus;
}

export interface ScheduleSpecSummary {
	intervals: Array<{ every: string; offset?: string }>;
	cron: string[];
	/** Calendar specs as the server normalised them (cron expressions come back this way). */
	calendars: unknown[];
	timezone?: string;
	jitter?: string;
	startAt?: string;
	endAt?: string;
}

export interface ScheduleDescription {
	scheduleId: string;
	paused: boolean;
	notes?: string;
	spec: ScheduleSpecSummary;
	workflowType?: string;
	job?: JobName;
	workflowId?: string;
	taskQueue?: string;
	/** The input the runs get (decrypted when keys are configured; null when it cannot be read). */
	input?: unknown;
	overlapPolicy?: OverlapPolicy;
	catchupWindow?: string;
	pauseOnFailure: boolean;
	actionCount: number;
	missedCatchupWindow: number;
	overlapSkipped: number;
	runningWorkflows: Array<{ workflowId: string; runId?: string }>;
	recentActions: ScheduleAction[];
	futureActionTimes: string[];
	createTime?: string;
	updateTime?: string;
	memo: Record<string, unknown>;
}

export interface ScheduleSummary {
	scheduleId: string;
	paused: boolean;
	notes?: string;
	workflowType?: string;
	job?: JobName;
	spec: ScheduleSpecSummary;
	recentActions: ScheduleAction[];
	futureActionTimes: string[];
	memo: Record<string, unknown>;
}

// --- wire shapes (canonical proto JSON of Temporal's HTTP API) ----------------------------------

export interface WireExecution {
	workflowId: string;
	runId?: string;
}

export interface WireExecutionInfo {
	execution: WireExecution;
	type?: { name: string };
	startTime?: string;
	closeTime?: string;
	executionTime?: string;
	status?: string;
	historyLength?: string;
	memo?: { fields?: Record<string, WirePayload> };
	searchAttributes?: { indexedFields?: Record<string, WirePayload> };
	taskQueue?: string;
	firstRunId?: string;
}

export interface WireDescribeWorkflow {
	workflowExecutionInfo: WireExecutionInfo;
	pendingActivities?: unknown[];
}

export interface WireFailure {
	message?: string;
	stackTrace?: string;
	encodedAttributes?: WirePayload;
	cause?: WireFailure;
	applicationFailureInfo?: { type?: string; nonRetryable?: boolean };
	timeoutFailureInfo?: { timeoutType?: string };
}

export interface WireHistoryEvent {
	eventId?: string;
	eventType?: string;
	eventTime?: string;
	workflowExecutionCompletedEventAttributes?: { result?: WirePayloads; newExecutionRunId?: string };
	workflowExecutionFailedEventAttributes?: { failure?: WireFailure; newExecutionRunId?: string };
	workflowExecutionCanceledEventAttributes?: { details?: WirePayloads };
	workflowExecutionTerminatedEventAttributes?: { reason?: string };
	workflowExecutionTimedOutEventAttributes?: { newExecutionRunId?: string };
	workflowExecutionContinuedAsNewEventAttributes?: { newExecutionRunId?: string };
	[attributes: string]: unknown;
}

export interface WireHistory {
	history?: { events?: WireHistoryEvent[] };
	nextPageToken?: string;
}

export interface WireScheduleSpec {
	interval?: Array<{ interval: string; phase?: string }>;
	cronString?: string[];
	structuredCalendar?: unknown[];
	calendar?: unknown[];
	timezoneName?: string;
	jitter?: string;
	startTime?: string;
	endTime?: string;
}

export interface WireScheduleAction {
	scheduleTime?: string;
	actualTime?: string;
	startWorkflowResult?: WireExecution;
	startWorkflowStatus?: string;
}

export interface WireSchedule {
	spec?: WireScheduleSpec;
	action?: {
		startWorkflow?: {
			workflowId?: string;
			workflowType?: { name: string };
			taskQueue?: { name: string };
			input?: WirePayloads;
			memo?: { fields?: Record<string, WirePayload> };
		};
	};
	policies?: { overlapPolicy?: string; catchupWindow?: string; pauseOnFailure?: boolean };
	state?: { notes?: string; paused?: boolean };
}

export interface WireDescribeSchedule {
	schedule?: WireSchedule;
	info?: {
		actionCount?: string;
		missedCatchupWindow?: string;
		overlapSkipped?: string;
		runningWorkflows?: WireExecution[];
		recentActions?: WireScheduleAction[];
		futureActionTimes?: string[];
		createTime?: string;
		updateTime?: string;
	};
	memo?: { fields?: Record<string, WirePayload> };
}

export interface WireScheduleListEntry {
	scheduleId: string;
	memo?: { fields?: Record<string, WirePayload> };
	info?: {
		spec?: WireScheduleSpec;
		workflowType?: { name: string };
		notes?: string;
		paused?: boolean;
		recentActions?: WireScheduleAction[];
		futureActionTimes?: string[];
	};
}
