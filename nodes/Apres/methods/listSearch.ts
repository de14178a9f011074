import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { createApresClient } from '../transport';

/** The recipe's task batches, newest first, filtered by id, slug or state. */
export async function searchTaskBatches(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createApresClient(this);
	const batches = await client.listTaskBatches();
	const needle = filter?.toLowerCase();
	return {
		results: batches
			.filter((b) => !needle || [b.id, b.slug, b.state].some((t) => typeof t === 'string' && t.toLowerCase().includes(needle)))
			.sort((a, b) => String(b.created_at ?? '').localeCompare(String(a.created_at ?? '')))
			.map((b) => ({
				name: `${b.slug ?? b.id} (${b.state}, ${b.size || b.estimated_size || 0} tasks${b.created_at ? `, ${b.created_at.slice(0, 10)}` : ''})`,
				value: b.id,
			})),
	};
}
