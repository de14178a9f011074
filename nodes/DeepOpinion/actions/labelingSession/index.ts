import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getDocument from './getDocument.operation';
import * as getDocuments from './getDocuments.operation';
import * as markDocumentAnnotated from './markDocumentAnnotated.operation';
import * as markPageAnnotated from './markPageAnnotated.operation';
import * as markSegmentAnnotated from './markSegmentAnnotated.operation';
import * as pullFromSource from './pullFromSource.operation';
import * as update from './update.operation';
import * as uploadFile from './uploadFile.operation';

export const operations = { create, get, getAll, getDocument, getDocuments, markDocumentAnnotated, markPageAnnotated, markSegmentAnnotated, pullFromSource, update, uploadFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['labelingSession'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a labeling session from documents, document IDs, an uploaded file, an external source, or all documents', action: 'Create a labeling session' },
			{ name: 'Get', value: 'get', description: 'Get a labeling session', action: 'Get a labeling session' },
			{ name: 'Get Document', value: 'getDocument', description: 'Get one document of a labeling session with its tags', action: 'Get a document of a labeling session' },
			{ name: 'Get Documents', value: 'getDocuments', description: 'List the documents of a labeling session', action: 'Get documents of a labeling session' },
			{ name: 'Get Many', value: 'getAll', description: 'List the labeling sessions of a project', action: 'Get many labeling sessions' },
			{ name: 'Mark Document Annotated', value: 'markDocumentAnnotated', description: 'Mark a whole document of a labeling session as annotated', action: 'Mark a document as annotated' },
			{ name: 'Mark Page Annotated', value: 'markPageAnnotated', description: 'Mark a page of a document of a labeling session as annotated', action: 'Mark a page as annotated' },
			{ name: 'Mark Segment Annotated', value: 'markSegmentAnnotated', description: 'Mark a segment of a labeling session as annotated', action: 'Mark a segment as annotated' },
			{ name: 'Pull From Source', value: 'pullFromSource', description: 'Create a labeling session from training data of an external source connected to Studio', action: 'Pull training data from an external source' },
			{ name: 'Update', value: 'update', description: 'Rename a labeling session, add documents, or change its classes and labels', action: 'Update a labeling session' },
			{ name: 'Upload File', value: 'uploadFile', description: 'Upload labeled data (text, label, class or aspect columns) as a new labeling session, or preview it', action: 'Upload a file for a labeling session' },
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getDocument.description,
	...getDocuments.description,
	...getAll.description,
	...markDocumentAnnotated.description,
	...markPageAnnotated.description,
	...markSegmentAnnotated.description,
	...pullFromSource.description,
	...update.description,
	...uploadFile.description,
];
