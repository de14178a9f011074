import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const modelVersion: INodeProperties = {
	displayName: 'Model Version',
	name: 'modelVersion',
	type: 'string',
	required: true,
	default: '1',
	description: 'The pinned model version (labeller) to use',
};

export const threshold: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Threshold',
			name: 'threshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 3 },
			default: 0.25,
			description: 'Only labels with at least this confidence are returned (0 returns all)',
		},
	],
};

export function readThreshold(ctx: IExecuteFunctions, i: number): number | undefined {
	const value = (ctx.getNodeParameter('options', i, {}) as { threshold?: number }).threshold;
	return value === undefined ? undefined : Number(value);
}
