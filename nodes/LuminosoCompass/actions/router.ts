import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { LuminosoClient } from '../../../clients/luminoso';
import { routeOperation, type ResourceMap } from '../../shared/router';
import { createLuminosoClient } from '../transport';
import * as account from './account';
import * as classification from './classification';
import * as classifier from './classifier';
import * as classifierTopic from './classifierTopic';
import * as configuration from './configuration';
import * as document from './document';
import * as message from './message';
import * as permission from './permission';
import * as project from './project';
import * as statistics from './statistics';
import * as token from './token';
import * as topic from './topic';
import * as user from './user';

export const resources: ResourceMap<LuminosoClient> = {
	account: account.operations,
	classification: classification.operations,
	classifier: classifier.operations,
	classifierTopic: classifierTopic.operations,
	configuration: configuration.operations,
	document: document.operations,
	message: message.operations,
	permission: permission.operations,
	project: project.operations,
	statistics: statistics.operations,
	token: token.operations,
	topic: topic.operations,
	user: user.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources, createLuminosoClient);
}
