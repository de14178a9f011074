import type { Classifier, ClassifierCreate, LuminosoClient } from '../../clients/luminoso';

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
