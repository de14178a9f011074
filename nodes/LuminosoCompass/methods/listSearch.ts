import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { projectIdOf } from '../../../clients/luminoso';
import { createLuminosoClient } from '../transport';

const MAX_LISTED = 200;

function matches(filter: string | undefined, ...texts: Array<string | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((t) => t?.toLowerCase().includes(needle));
}

export async function searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createLuminosoClient(this);
	const projects = await client.listProjects({}, MAX_LISTED);
	return {
		results: projects
			.filter((p) => matches(filter, p.name, String(p.id)))
			.map((p) => ({ name: `${p.name} (${p.id})`, value: String(p.id), url: p.url })),
	};
}

export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createLuminosoClient(this);
	const accounts = await client.listAccounts(MAX_LISTED);
	return { results: accounts.filter((a) => matches(filter, a.name, a.id)).map((a) => ({ name: `${a.name} (${a.id})`, value: a.id })) };
}

export async function searchClassifiers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const project = String(this.getCurrentNodeParameter('project', { extractValue: true }) ?? '').trim();
	if (!project) return { results: [] };
	const client = await createLuminosoClient(this);
	const classifiers = await client.listClassifiers(projectIdOf(project), {}, MAX_LISTED);
	return {
		results: classifiers
			.filter((c) => matches(filter, c.name, c.type))
			.map((c) => ({ name: `${c.name} (${c.type}, ${c.training_state})`, value: String(c.id) })),
	};
}
