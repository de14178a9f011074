import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { createPrimerClient } from '../transport';

function matches(filter: string | undefined, ...texts: Array<string | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((t) => t?.toLowerCase().includes(needle));
}

export async function searchDatasets(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createPrimerClient(this);
	const datasets = await client.listDatasets();
	return {
		results: datasets
			.filter((d) => matches(filter, d.display_name, d.id, d.document_type))
			.map((d) => ({ name: `${d.display_name.trim() || d.id} (${d.num_documents} documents${d.is_archived ? ', archived' : ''})`, value: d.id })),
	};
}

/** Models linked to any dataset (the API has no model list); others can be given by ID. */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createPrimerClient(this);
	const models = await client.listModels();
	return {
		results: models.filter((m) => matches(filter, m.name, m.id)).map((m) => ({ name: `${m.name} (${m.id.slice(0, 8)})`, value: m.id })),
	};
}
