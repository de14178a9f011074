import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as analysis from './actions/analysis';
import * as klass from './actions/class';
import * as correction from './actions/correction';
import * as document from './actions/document';
import * as extraction from './actions/extraction';
import * as group from './actions/group';
import * as hitl from './actions/hitl';
import * as label from './actions/label';
import * as labelingSession from './actions/labelingSession';
import * as model from './actions/model';
import * as notification from './actions/notification';
import * as project from './actions/project';
import { router } from './actions/router';
import * as user from './actions/user';
import * as workspace from './actions/workspace';
import { searchHitls, searchModels, searchProjects } from './methods/listSearch';

export class DeepOpinion implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DeepOpinion',
		name: 'deepOpinion',
		icon: { light: 'file:deepopinion.svg', dark: 'file:deepopinion.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Build projects, label and correct data, train models, analyse documents and review extractions (HITL) in DeepOpinion Studio',
		defaults: { name: 'DeepOpinion' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'deepOpinionApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Analysis', value: 'analysis' },
					{ name: 'Class', value: 'class' },
					{ name: 'Correction Session', value: 'correction' },
					{ name: 'Document', value: 'document' },
					{ name: 'Document Extraction', value: 'extraction' },
					{ name: 'Document Group', value: 'group' },
					{ name: 'Human in the Loop (HITL)', value: 'hitl' },
					{ name: 'Label', value: 'label' },
					{ name: 'Labeling Session', value: 'labelingSession' },
					{ name: 'Model', value: 'model' },
					{ name: 'Notification', value: 'notification' },
					{ name: 'Project', value: 'project' },
					{ name: 'User', value: 'user' },
					{ name: 'Workspace', value: 'workspace' },
				],
				default: 'analysis',
			},
			...analysis.description,
			...klass.description,
			...correction.description,
			...document.description,
			...extraction.description,
			...group.description,
			...hitl.description,
			...label.description,
			...labelingSession.description,
			...model.description,
			...notification.description,
			...project.description,
			...user.description,
			...workspace.description,
		],
	};

	methods = { listSearch: { searchHitls, searchModels, searchProjects } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
