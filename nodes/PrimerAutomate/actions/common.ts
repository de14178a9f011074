import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { UUID_PATTERN } from '../../../clients/primer';

const idMode = (placeholder: string) => ({
	displayName: 'By ID',
	name: 'id',
	type: 'string' as const,
	placeholder,
	validation: [{ type: 'regex' as const, properties: { regex: UUID_PATTERN, errorMessage: 'An ID is a UUID, e.g. 3a437e2e-99fb-480c-a112-db9e82ae6ec7' } }],
});

/** Picks a model from the models linked to datasets, or by ID. */
export function modelLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The list shows models linked to a dataset; pick any other model by its ID (from its API page in Automate)',
		modes: [{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchModels', searchable: true } }, idMode('e9176b92-ad5f-46b8-8a6a-1363709db18e')],
		...overrides,
	};
}

/** Picks a dataset from a searchable list, or by ID. */
export function datasetLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Dataset',
		name: 'dataset',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchDatasets', searchable: true } }, idMode('58592a10-2eec-4424-a979-dae22bf94f5b')],
		...overrides,
	};
}

/** The value of a resource locator (or a plain string), trimmed. */
export function locatorValue(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return typeof value === 'string' ? value.trim() : String(value ?? '').trim();
}

export function asData<T>(value: T): IDataObject {
	return value as unknown as IDataObject;
}
