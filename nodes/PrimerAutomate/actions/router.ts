import type { IBinaryKeyData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ValidationError } from '../../../clients/core';
import type { PrimerClient } from '../../../clients/primer';
import { routeOperation, type Operation, type ResourceMap } from '../../shared/router';
import { createPrimerClient } from '../transport';
import * as dataset from './dataset';
import * as label from './label';
import * as model from './model';
import * as prediction from './prediction';

/** The client validates one call at a time: name the item it was for in the message too. */
function atItem(error: unknown, itemIndex: number): unknown {
	if (!(error instanceof ValidationError) || error.issues.every((issue) => issue.itemIndex !== undefined)) return error;
	return new ValidationError(
		error.issues.map((issue) => ({ ...issue, itemIndex: issue.itemIndex ?? itemIndex })),
		error.platform,
		error.operation,
	);
}

function naming(operations: Record<string, Operation<PrimerClient>>): Record<string, Operation<PrimerClient>> {
	return Object.fromEntries(
		Object.entries(operations).map(([name, op]) => {
			if (!('executeItem' in op)) return [name, op];
			const wrapped: Operation<PrimerClient> = {
				description: op.description,
				async executeItem(this: IExecuteFunctions, i: number, client: PrimerClient) {
					return await op.executeItem.call(this, i, client).catch((error: unknown) => Promise.reject(atItem(error, i)));
				},
			};
			return [name, wrapped];
		}),
	);
}

const resources: ResourceMap<PrimerClient> = {
	dataset: naming(dataset.operations),
	label: naming(label.operations),
	model: naming(model.operations),
	prediction: naming(prediction.operations),
};

/** Operations that output a file put it under `__binary` in their JSON; it becomes the item's binary data. */
function liftBinary(item: INodeExecutionData): INodeExecutionData {
	const { __binary, ...json } = item.json as { __binary?: IBinaryKeyData };
	return __binary ? { ...item, json, binary: __binary } : item;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const [items] = await routeOperation.call(this, resources, createPrimerClient);
	return [items.map(liftBinary)];
}
