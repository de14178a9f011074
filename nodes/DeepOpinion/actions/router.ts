import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../clients/deepopinion';
import { routeOperation, type ResourceMap } from '../../shared/router';
import { createDeepOpinionClient } from '../transport';
import * as analysis from './analysis';
import * as klass from './class';
import * as correction from './correction';
import * as document from './document';
import * as extraction from './extraction';
import * as group from './group';
import * as hitl from './hitl';
import * as label from './label';
import * as labelingSession from './labelingSession';
import * as model from './model';
import * as notification from './notification';
import * as project from './project';
import * as user from './user';
import * as workspace from './workspace';

export const resources: ResourceMap<DeepOpinionClient> = {
	analysis: analysis.operations,
	class: klass.operations,
	correction: correction.operations,
	document: document.operations,
	extraction: extraction.operations,
	group: group.operations,
	hitl: hitl.operations,
	label: label.operations,
	labelingSession: labelingSession.operations,
	model: model.operations,
	notification: notification.operations,
	project: project.operations,
	user: user.operations,
	workspace: workspace.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources, createDeepOpinionClient);
}
