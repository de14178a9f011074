import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { errorJson, toNodeError } from './errors';

/** An operation that handles one input item at a time; the router owns the loop. */
export interface ItemOperation<C> {
	description: INodeProperties[];
	executeItem(this: IExecuteFunctions, itemIndex: number, client: C): Promise<IDataObject | IDataObject[]>;
}

export type BatchOutcome = { json: IDataObject; pairedItems: number[] } | { error: unknown; itemIndex: number };

/**
 * An operation that needs all input items at once (e.g. to send them in batches of the API's
 * maximum). It validates every item before its first write and reports per-item outcomes.
 */
export interface BatchOperation<C> {
	description: INodeProperties[];
	executeBatch(this: IExecuteFunctions, items: INodeExecutionData[], context: { client: C; continueOnFail: boolean }): Promise<BatchOutcome[]>;
}

/** Orders batch outcomes by their (first) input item, as n8n users expect to read them. */
export function byItemIndex(a: BatchOutcome, b: BatchOutcome): number {
	const first = (o: BatchOutcome) => ('error' in o ? o.itemIndex : (o.pairedItems[0] ?? 0));
	return first(a) - first(b);
}

export type Operation<C> = ItemOperation<C> | BatchOperation<C>;

export type ResourceMap<C> = Record<string, Record<string, Operation<C>>>;

/**
 * The single execute path of a platform node: picks the operation, builds the client once,
 * runs the operation over the input items, and applies continueOnFail and pairedItem uniformly.
 */
export async function routeOperation<C>(this: IExecuteFunctions, resources: ResourceMap<C>, makeClient: (ctx: IExecuteFunctions) => Promise<C>): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for resource "${resource}"`);

	const client = await makeClient(this);
	const continueOnFail = this.continueOnFail();
	const output: INodeExecutionData[] = [];

	if ('executeItem' in operation) {
		for (let i = 0; i < items.length; i++) {
			try {
				const result = await operation.executeItem.call(this, i, client);
				for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: i } });
			} catch (error) {
				const nodeError = toNodeError(this.getNode(), error, i);
				if (!continueOnFail) throw nodeError;
				output.push({ json: errorJson(nodeError), pairedItem: { item: i } });
			}
		}
		return [output];
	}

	let outcomes: BatchOutcome[];
	try {
		outcomes = await operation.executeBatch.call(this, items, { client, continueOnFail });
	} catch (error) {
		const nodeError = toNodeError(this.getNode(), error);
		if (!continueOnFail) throw nodeError;
		return [items.map((_, i) => ({ json: errorJson(nodeError), pairedItem: { item: i } }))];
	}
	for (const outcome of outcomes) {
		if ('error' in outcome) {
			const nodeError = toNodeError(this.getNode(), outcome.error, outcome.itemIndex);
			if (!continueOnFail) throw nodeError;
			output.push({ json: errorJson(nodeError), pairedItem: { item: outcome.itemIndex } });
		} else {
			const paired = outcome.pairedItems.map((item) => ({ item }));
			output.push({ json: outcome.json, pairedItem: paired.length === 1 ? paired[0] : paired });
		}
	}
	return [output];
}

/** Return All + Limit, as n8n list operations offer them. */
export function returnAllOrLimit(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { ...displayOptions, show: { ...displayOptions?.show, returnAll: [false] } },
		},
	];
}

export function limitFor(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	return (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
}
