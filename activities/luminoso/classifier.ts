import { Context } from '@temporalio/activity';
import type { Classifier, ClassifierCreate, LuminosoClient } from '../../clients/luminoso';
import { heartbeating } from '../shared/heartbeating';

/** What workflows keep of a classifier (small: it goes through history). */
export interface ClassifierState {
	id: number | string;
	url?: string;
	name: string;
	type: string;
	status: string;
	training_state: string;
	topics: string[];
	error?: string;
}

export function summarize(classifier: Classifier): ClassifierState {
	const info = (classifier.info ?? {}) as Record<string, unknown>;
	return {
		id: classifier.id!,
		url: classifier.url,
		name: classifier.name,
		type: classifier.type,
		status: classifier.status,
		training_state: classifier.training_state,
		topics: (classifier.topics ?? []).map((t) => (typeof t === 'object' && t && 'title' in t ? String((t as { title: unknown }).title) : String(t))),
		...(typeof info.error === 'string' ? { error: info.error } : {}),
	};
}

/**
 * Creates the classifier, or returns the one of that name if it exists (names are unique within
 * a project): a retried activity or a re-run job never creates a second one.
 */
export async function ensureClassifier(client: LuminosoClient, input: { project: string; classifier: ClassifierCreate }): Promise<ClassifierState & { created: boolean }> {
	const existing = (await client.listClassifiers(input.project, { name: input.classifier.name }, 1))[0];
	if (existing) return { ...summarize(existing), created: false };
	return { ...summarize(await client.createClassifier(input.project, input.classifier)), created: true };
}

export async function classifierState(client: LuminosoClient, input: { project: string; classifierId: number | string }): Promise<ClassifierState> {
	return summarize(await client.getClassifier(input.project, input.classifierId));
}

export interface AwaitClassifierInput {
	connection: string;
	project: string;
	classifierId: number | string;
	/** Training is over once the classifier is ready and also active (false: ready is enough), or in error. */
	wantActive: boolean;
	pollIntervalMs: number;
	/** Check again every `pollIntervalMs` for at most this long, then return the last state (0: check once). */
	maxWaitMs: number;
}

export interface AwaitClassifierResult {
	classifier: ClassifierState;
	/** GETs of the classifier made by this activity. */
	checks: number;
}

/**
 * Checks the classifier until its training is over (ready, and active when wanted, or error) or
 * `maxWaitMs` has passed, sleeping `pollIntervalMs` (cancellably) and heartbeating between checks.
 * Short polls belong in an activity: a workflow timer fires about a second late at best, which
 * would add up to a second to every job whose classifier trains in a few seconds.
 */
export async function awaitClassifier(client: LuminosoClient, input: AwaitClassifierInput): Promise<AwaitClassifierResult> {
	const ctx = Context.current();
	const started = Date.now();
	for (let checks = 1; ; checks++) {
		const classifier = await classifierState(client, input);
		const over = classifier.training_state === 'error' || (classifier.training_state === 'ready' && (!input.wantActive || classifier.status === 'active'));
		if (over || Date.now() - started + input.pollIntervalMs > input.maxWaitMs) return { classifier, checks };
		// Heartbeats also while sleeping: the heartbeat timeout may be shorter than the poll interval.
		const details = { checks, training_state: classifier.training_state };
		ctx.heartbeat(details);
		await heartbeating(() => ctx.sleep(input.pollIntervalMs), () => details);
	}
}
