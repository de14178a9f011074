import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SourceCreate } from '../../../../clients/reinfer';
import { compact, splitList } from '../common';

/** Optional source fields shared by create and update (language only on create). */
export function sourceFields(withLanguage: boolean): INodeProperties {
	return {
		displayName: withLanguage ? 'Additional Fields' : 'Update Fields',
		name: 'sourceFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'A longer description of the source' },
			...(withLanguage
				? [
						{
							displayName: 'Language',
							name: 'language',
							type: 'options' as const,
							options: [
								{ name: 'English', value: 'en' },
								{ name: 'German', value: 'de' },
							],
							default: 'en',
							description: 'The primary language of the source',
						},
					]
				: []),
			{
				displayName: 'Sensitive Properties',
				name: 'sensitive_properties',
				type: 'string',
				default: '',
				description: 'Comma-separated user properties hidden from non-privileged users',
			},
			{
				displayName: 'Should Translate',
				name: 'should_translate',
				type: 'boolean',
				default: false,
				description: 'Whether verbatims should be translated into the source language where required',
			},
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'One-line human-readable title' },
		],
	};
}

export function readSourceFields(ctx: IExecuteFunctions, i: number): SourceCreate {
	const raw = ctx.getNodeParameter('sourceFields', i, {}) as Record<string, unknown>;
	return compact({ ...raw, sensitive_properties: splitList(raw.sensitive_properties) }) as SourceCreate;
}
