import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ReinferClient } from '../../../clients/reinfer';

const OWNER_NAME = '^[A-Za-z0-9_-]+/[A-Za-z0-9_-]+$';

function ownerNameMode(placeholder: string) {
	return {
		displayName: 'By Name',
		name: 'name',
		type: 'string' as const,
		placeholder,
		validation: [{ type: 'regex' as const, properties: { regex: OWNER_NAME, errorMessage: 'Use owner/name, e.g. acme/support-emails' } }],
	};
}

/** Picks a source from a searchable list, by owner/name, or by id. */
export function sourceLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Source',
		name: 'source',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchSources', searchable: true } },
			ownerNameMode('acme/support-emails'),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '22f0f76e82fd8867',
				validation: [{ type: 'regex', properties: { regex: '^[0-9a-f]+$', errorMessage: 'A source id is hexadecimal' } }],
			},
		],
		...overrides,
	};
}

/** Picks a dataset from a searchable list or by owner/name. */
export function datasetLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Dataset',
		name: 'dataset',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchDatasets', searchable: true } }, ownerNameMode('acme/my-dataset')],
		...overrides,
	};
}

export interface OwnerName {
	owner: string;
	name: string;
}

function splitOwnerName(value: string, what: string): OwnerName {
	const [owner, name, ...rest] = value.trim().split('/');
	if (!owner || !name || rest.length) throw new Error(`${what} must be given as owner/name, got "${value}"`);
	return { owner, name };
}

export type SourceRef = ({ by: 'name' } & OwnerName) | { by: 'id'; id: string };

export function toSourceRef(locator: { mode: string; value: string }): SourceRef {
	if (locator.mode === 'id') return { by: 'id', id: String(locator.value).trim() };
	return { by: 'name', ...splitOwnerName(String(locator.value), 'Source') };
}

export function getSourceRef(ctx: IExecuteFunctions, itemIndex: number, parameter = 'source'): SourceRef {
	return toSourceRef(ctx.getNodeParameter(parameter, itemIndex) as { mode: string; value: string });
}

/** owner/name of a source, looking the id up when the user picked the source by id. */
export async function sourceOwnerName(client: ReinferClient, ref: SourceRef): Promise<OwnerName> {
	if (ref.by === 'name') return ref;
	const source = await client.getSourceById(ref.id);
	return { owner: source.owner, name: source.name };
}

/** The id of a source, looking it up when the user picked the source by owner/name. */
export async function sourceId(client: ReinferClient, ref: SourceRef): Promise<string> {
	return ref.by === 'id' ? ref.id : (await client.getSource(ref.owner, ref.name)).id;
}

export function getDatasetRef(ctx: IExecuteFunctions, itemIndex: number, parameter = 'dataset'): OwnerName {
	const value = ctx.getNodeParameter(parameter, itemIndex, undefined, { extractValue: true }) as string;
	return splitOwnerName(String(value), 'Dataset');
}

/** Removes keys whose value is an empty string, so optional fields left blank are not sent. */
export function compact<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;
}

export function splitList(value: unknown): string[] | undefined {
	if (Array.isArray(value)) return value.map(String).filter(Boolean);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return value.split(',').map((s) => s.trim()).filter(Boolean);
}
