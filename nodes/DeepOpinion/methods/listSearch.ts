import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { createDeepOpinionClient } from '../transport';

function matches(filter: string | undefined, ...texts: Array<string | number | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((t) => t !== undefined && String(t).toLowerCase().includes(needle));
}

export async function searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createDeepOpinionClient(this);
	const projects = await client.listProjects();
	return {
		results: projects.filter((p) => matches(filter, p.name, p.id, p.type)).map((p) => ({ name: `${p.name} (${p.type}, #${p.id})`, value: String(p.id) })),
	};
}

/** Models page by page (offset in the pagination token), filtered by name on the server. */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await createDeepOpinionClient(this);
	const offset = Number(paginationToken ?? 0) || 0;
	const page = await client.listModels({ search: filter || undefined, offset, limit: 100 });
	return {
		results: page.items.map((m) => ({ name: `${m.display_name || m.name} (${m.status ?? ''}, #${m.id})`, value: String(m.id) })),
		paginationToken: page.hasMore ? String(offset + page.items.length) : undefined,
	};
}

/** HITLs of the project chosen in the same node. */
export async function searchHitls(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const project = Number(this.getCurrentNodeParameter('project', { extractValue: true }));
	if (!Number.isInteger(project) || project < 1) return { results: [] };
	const client = await createDeepOpinionClient(this);
	const hitls = await client.listHitls(project);
	return {
		results: hitls.filter((h) => matches(filter, h.name, h.id)).map((h) => ({ name: `${h.name ?? 'HITL'} (#${h.id}${h.is_live ? ', live' : ''})`, value: String(h.id) })),
	};
}
