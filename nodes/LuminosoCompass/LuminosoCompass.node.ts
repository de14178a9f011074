import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as account from './actions/account';
import * as classification from './actions/classification';
import * as classifier from './actions/classifier';
import * as classifierTopic from './actions/classifierTopic';
import * as configuration from './actions/configuration';
import * as document from './actions/document';
import * as message from './actions/message';
import * as permission from './actions/permission';
import * as project from './actions/project';
import { router } from './actions/router';
import * as statistics from './actions/statistics';
import * as token from './actions/token';
import * as topic from './actions/topic';
import * as user from './actions/user';
import { searchAccounts, searchClassifiers, searchProjects } from './methods/listSearch';

export class LuminosoCompass implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Luminoso Compass',
		name: 'luminosoCompass',
		icon: { light: 'file:luminoso.svg', dark: 'file:luminoso.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Classify messages with Compass voting, topic-based and sentiment classifiers; manage projects, documents, topics, users and permissions',
		defaults: { name: 'Luminoso Compass' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'luminosoCompassApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Classification', value: 'classification', description: 'Classify a text without saving it' },
					{ name: 'Classifier', value: 'classifier' },
					{ name: 'Classifier Topic', value: 'classifierTopic', description: 'The clause topics of a topic-based classifier' },
					{ name: 'Configuration', value: 'configuration', description: 'A project\'s settings' },
					{ name: 'Document', value: 'document', description: 'Training and semantic-space documents' },
					{ name: 'Message', value: 'message', description: 'Messages saved and classified' },
					{ name: 'Permission', value: 'permission' },
					{ name: 'Project', value: 'project' },
					{ name: 'Statistic', value: 'statistics', description: 'Message statistics and usage' },
					{ name: 'Token', value: 'token', description: 'API tokens and login' },
					{ name: 'Topic', value: 'topic', description: 'Project topics, their messages and history' },
					{ name: 'User', value: 'user' },
				],
				default: 'message',
			},
			...account.description,
			...classification.description,
			...classifier.description,
			...classifierTopic.description,
			...configuration.description,
			...document.description,
			...message.description,
			...permission.description,
			...project.description,
			...statistics.description,
			...token.description,
			...topic.description,
			...user.description,
		],
	};

	methods = { listSearch: { searchAccounts, searchClassifiers, searchProjects } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
