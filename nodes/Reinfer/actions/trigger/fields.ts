import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { datasetLocator, getDatasetRef, type OwnerName } from '../common';

export const triggerFields: INodeProperties[] = [
	datasetLocator({ description: 'The dataset the trigger belongs to' }),
	{ displayName: 'Trigger Name', name: 'trigger', type: 'string', required: true, default: '', placeholder: 'dispute', description: 'The name of the dataset\'s trigger' },
];

export function readTrigger(ctx: IExecuteFunctions, i: number): OwnerName & { trigger: string } {
	return { ...getDatasetRef(ctx, i), trigger: String(ctx.getNodeParameter('trigger', i)).trim() };
}
