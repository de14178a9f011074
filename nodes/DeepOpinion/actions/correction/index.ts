import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getDocuments from './getDocuments.operation';
import * as markSegmentCorrected from './markSegmentCorrected.operation';

export const operations = { create, get, getAll, getDocuments, markSegmentCorrected };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['correction'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Sample documents and let a model predict their tags, to correct them', action: 'Create a correction session' },
			{ name: 'Get', value: 'get', description: 'Get a correction session', action: 'Get a correction session' },
			{ name: 'Get Documents', value: 'getDocuments', description: 'List the documents of a correction session with their predicted tags', action: 'Get documents of a correction session' },
			{ name: 'Get Many', value: 'getAll', description: 'List the correction sessions of a project', action: 'Get many correction sessions' },
			{ name: 'Mark Segment Corrected', value: 'markSegmentCorrected', description: 'Mark a segment of a correction session as corrected', action: 'Mark a segment as corrected' },
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getDocuments.description,
	...getAll.description,
	...markSegmentCorrected.description,
];
