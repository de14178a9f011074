import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { createReinferClient } from '../transport';

function matches(filter: string | undefined, ...texts: Array<string | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((t) => t?.toLowerCase().includes(needle));
}

export async function searchSources(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createReinferClient(this);
	const sources = await client.listSources();
	return {
		results: sources
			.filter((s) => matches(filter, s.owner, s.name, s.title))
			.map((s) => ({ name: `${s.title || s.name} (${s.owner}/${s.name})`, value: `${s.owner}/${s.name}` })),
	};
}

export async function searchDatasets(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createReinferClient(this);
	const datasets = await client.listDatasets();
	return {
		results: datasets
			.filter((d) => matches(filter, d.owner, d.name, d.title))
			.map((d) => ({ name: `${d.title || d.name} (${d.owner}/${d.name})`, value: `${d.owner}/${d.name}` })),
	};
}
