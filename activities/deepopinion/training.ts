import type { DeepOpinionClient, Language } from '../../clients/deepopinion';

export interface StartTrainingInput {
	connection: string;
	projectId: number;
	displayName: string;
	/** Internal name, unique in the workspace; also the idempotency key (an existing model of the project with it is reused). */
	name: string;
	annotationIds: number[];
	language?: Language;
	baseId?: number;
}

export interface ModelState {
	modelId: number;
	name: string;
	displayName: string;
	status: string;
	progress: number;
	score: number | null;
	metrics: Record<string, unknown>;
}

function stateOf(model: { id: number; name?: string; display_name?: string; status?: string; progress?: number; score?: number; metrics?: Record<string, unknown> }): ModelState {
	return {
		modelId: model.id,
		name: model.name ?? '',
		displayName: model.display_name ?? '',
		status: String(model.status ?? ''),
		progress: Number(model.progress ?? 0),
		score: typeof model.score === 'number' ? model.score : null,
		metrics: model.metrics ?? {},
	};
}

/** Starts training (POST /projects/{id}/models), or finds the model a previous attempt started. */
export async function startTraining(client: DeepOpinionClient, input: StartTrainingInput): Promise<ModelState & { reused: boolean }> {
	const existing = (await client.listProjectModels(input.projectId)).find((m) => m.name === input.name);
	if (existing) return { ...stateOf(existing), reused: true };
	const model = await client.trainModel(input.projectId, { display_name: input.displayName, name: input.name, annotation_ids: input.annotationIds, language: input.language, base_id: input.baseId });
	return { ...stateOf(model), reused: false };
}

export async function modelState(client: DeepOpinionClient, projectId: number, modelId: number): Promise<ModelState> {
	return stateOf(await client.getProjectModel(projectId, modelId));
}
