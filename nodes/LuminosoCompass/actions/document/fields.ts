import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { NewDocument } from '../../../../clients/luminoso';
import { compact, text } from '../common';

export function documentFields(): INodeProperties[] {
	return [
		{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 3 }, required: true, default: '={{ $json.text }}', description: 'The text of the document' },
		{ displayName: 'Label', name: 'label', type: 'string', default: '', description: 'The class the document belongs to (labeled documents train voting classifiers)' },
		{ displayName: 'Dataset', name: 'dataset', type: 'string', default: '', description: 'Name of the collection of documents it belongs to' },
		{ displayName: 'Language', name: 'language', type: 'string', default: '', description: 'Two-letter language code (default: the project\'s)' },
	];
}

export function readDocument(ctx: IExecuteFunctions, i: number): NewDocument {
	const raw = ctx.getNodeParameter('text', i, '') as unknown;
	return { ...compact({ label: text(ctx, 'label', i), dataset: text(ctx, 'dataset', i), language: text(ctx, 'language', i) }), text: typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw) } as NewDocument;
}
