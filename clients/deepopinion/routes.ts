import type { HttpMethod } from '../core';

export interface DeepOpinionRoute {
	method: HttpMethod;
	path: string;
	/** May a failed attempt be repeated after a 5xx or a dropped connection? */
	idempotent: boolean;
	/** Request body is multipart/form-data. */
	multipart?: true;
	/**
	 * The scraped API docs lost this operation's path and DeepOpinion's generated client (API 1.6.2,
	 * deepopinion-routes.tsv) predates it: the path was chosen next to its REST siblings. Listed in the
	 * README so users can correct it.
	 */
	inferred?: true;
	/** The resource and operation of the DeepOpinion node that exposes it ('' when the node does not). */
	node: string;
}

/**
 * Every DeepOpinion Studio operation in one table: method, path template, retry semantics, and the
 * node operation that reaches it. Path parameters are `{name}`; the client percent-encodes each value.
 * Order follows the API docs' sections.
 */
export const DEEPOPINION_ROUTES = {
	// --- analyses ------------------------------------------------------------------------------
	uploadAnalysisFile: { method: 'POST', path: '/analyses/upload', idempotent: false, multipart: true, node: 'analysis.uploadFile' },
	listAnalyses: { method: 'GET', path: '/analyses', idempotent: true, node: 'analysis.getAll' },
	createAnalysis: { method: 'POST', path: '/analyses', idempotent: false, node: 'analysis.create' },
	// Ad-hoc analysis stores nothing: a pure computation, safe to repeat.
	analyze: { method: 'POST', path: '/analyze', idempotent: true, node: 'analysis.analyze' },
	listAnalysisDocuments: { method: 'GET', path: '/analyses/{analysis_id}/documents', idempotent: true, node: 'analysis.getDocuments' },
	getAnalysis: { method: 'GET', path: '/analyses/{analysis_id}', idempotent: true, node: 'analysis.get' },
	updateAnalysis: { method: 'PUT', path: '/analyses/{analysis_id}', idempotent: true, node: 'analysis.update' },

	// --- classes -------------------------------------------------------------------------------
	uploadClassesFile: { method: 'POST', path: '/projects/{project_id}/classes/upload', idempotent: false, multipart: true, node: 'class.uploadFile' },
	createClasses: { method: 'POST', path: '/projects/{project_id}/upload-classes', idempotent: false, node: 'class.createMany' },
	getClass: { method: 'GET', path: '/projects/{project_id}/classes/{class_id}', idempotent: true, node: 'class.get' },
	updateClass: { method: 'PUT', path: '/projects/{project_id}/classes/{class_id}', idempotent: true, node: 'class.update' },
	listClasses: { method: 'GET', path: '/projects/{project_id}/classes', idempotent: true, node: 'class.getAll' },
	createClass: { method: 'POST', path: '/projects/{project_id}/classes', idempotent: false, node: 'class.create' },

	// --- correction sessions -------------------------------------------------------------------
	markSegmentCorrected: {
		method: 'POST',
		path: '/projects/{project_id}/corrections/{correction_id}/documents/{document_id}/segments/{segment_id}/statuses',
		idempotent: true,
		node: 'correction.markSegmentCorrected',
	},
	listCorrectionDocuments: { method: 'GET', path: '/projects/{project_id}/corrections/{correction_id}/documents', idempotent: true, node: 'correction.getDocuments' },
	getCorrection: { method: 'GET', path: '/projects/{project_id}/corrections/{correction_id}', idempotent: true, node: 'correction.get' },
	listCorrections: { method: 'GET', path: '/projects/{project_id}/corrections', idempotent: true, node: 'correction.getAll' },
	createCorrection: { method: 'POST', path: '/projects/{project_id}/corrections', idempotent: false, node: 'correction.create' },

	// --- document extraction -------------------------------------------------------------------
	extract: {
		method: 'POST',
		path: '/organizations/{organization_id}/projects/{project_id}/models/{model_id}/extract',
		idempotent: false,
		multipart: true,
		inferred: true,
		node: 'extraction.extract',
	},

	// --- project documents ---------------------------------------------------------------------
	uploadDocuments: { method: 'POST', path: '/projects/{project_id}/upload-documents', idempotent: false, node: 'document.upload' },
	getDocument: { method: 'GET', path: '/projects/{project_id}/documents/{document_id}', idempotent: true, node: 'document.get' },
	updateDocument: { method: 'PUT', path: '/projects/{project_id}/documents/{document_id}', idempotent: true, node: 'document.update' },
	listDocuments: { method: 'GET', path: '/projects/{project_id}/documents', idempotent: true, node: 'document.getAll' },
	createDocument: { method: 'POST', path: '/projects/{project_id}/documents', idempotent: false, node: 'document.create' },

	// --- document groups -----------------------------------------------------------------------
	pullGroupFromSource: { method: 'POST', path: '/projects/{project_id}/groups/external', idempotent: false, multipart: true, inferred: true, node: 'group.pullFromSource' },
	uploadGroupFile: { method: 'POST', path: '/projects/{project_id}/groups/upload', idempotent: false, multipart: true, node: 'group.uploadFile' },
	getGroupDocument: { method: 'GET', path: '/projects/{project_id}/groups/{group_id}/documents/{document_id}', idempotent: true, node: 'group.getDocument' },
	listGroupDocuments: { method: 'GET', path: '/projects/{project_id}/groups/{group_id}/documents', idempotent: true, node: 'group.getDocuments' },
	getGroup: { method: 'GET', path: '/projects/{project_id}/groups/{group_id}', idempotent: true, node: 'group.get' },
	updateGroup: { method: 'PUT', path: '/projects/{project_id}/groups/{group_id}', idempotent: true, node: 'group.update' },
	listGroups: { method: 'GET', path: '/projects/{project_id}/groups', idempotent: true, node: 'group.getAll' },
	createGroup: { method: 'POST', path: '/projects/{project_id}/groups', idempotent: false, node: 'group.create' },

	// --- human in the loop (HITL) --------------------------------------------------------------
	listHitlReviews: { method: 'GET', path: '/projects/{project_id}/hitls/{hitl_id}/reviews', idempotent: true, inferred: true, node: 'hitl.getReviews' },
	listHitls: { method: 'GET', path: '/projects/{project_id}/hitls', idempotent: true, inferred: true, node: 'hitl.getAll' },
	createHitl: { method: 'POST', path: '/projects/{project_id}/hitls', idempotent: false, inferred: true, node: 'hitl.create' },
	getHitl: { method: 'GET', path: '/projects/{project_id}/hitls/{hitl_id}', idempotent: true, inferred: true, node: 'hitl.get' },
	updateHitl: { method: 'PUT', path: '/projects/{project_id}/hitls/{hitl_id}', idempotent: true, inferred: true, node: 'hitl.update' },
	assignHitl: { method: 'PUT', path: '/projects/{project_id}/hitls/{hitl_id}/assign', idempotent: true, inferred: true, node: 'hitl.assign' },

	// --- labeling sessions ---------------------------------------------------------------------
	markSegmentAnnotated: {
		method: 'POST',
		path: '/projects/{project_id}/annotations/{annotation_id}/documents/{document_id}/segments/{segment_id}/statuses',
		idempotent: true,
		node: 'labelingSession.markSegmentAnnotated',
	},
	markPageAnnotated: {
		method: 'POST',
		path: '/projects/{project_id}/annotations/{annotation_id}/documents/{document_id}/pages/{page}/statuses',
		idempotent: true,
		inferred: true,
		node: 'labelingSession.markPageAnnotated',
	},
	markDocumentAnnotated: {
		method: 'POST',
		path: '/projects/{project_id}/annotations/{annotation_id}/documents/{document_id}/statuses',
		idempotent: true,
		node: 'labelingSession.markDocumentAnnotated',
	},
	pullLabelingSessionFromSource: {
		method: 'POST',
		path: '/projects/{project_id}/annotations/external',
		idempotent: false,
		multipart: true,
		inferred: true,
		node: 'labelingSession.pullFromSource',
	},
	uploadLabelingSessionFile: { method: 'POST', path: '/projects/{project_id}/annotations/upload', idempotent: false, multipart: true, node: 'labelingSession.uploadFile' },
	getLabelingSessionDocument: {
		method: 'GET',
		path: '/projects/{project_id}/annotations/{annotation_id}/documents/{document_id}',
		idempotent: true,
		node: 'labelingSession.getDocument',
	},
	listLabelingSessionDocuments: { method: 'GET', path: '/projects/{project_id}/annotations/{annotation_id}/documents', idempotent: true, node: 'labelingSession.getDocuments' },
	getLabelingSession: { method: 'GET', path: '/projects/{project_id}/annotations/{annotation_id}', idempotent: true, node: 'labelingSession.get' },
	updateLabelingSession: { method: 'PUT', path: '/projects/{project_id}/annotations/{annotation_id}', idempotent: true, node: 'labelingSession.update' },
	listLabelingSessions: { method: 'GET', path: '/projects/{project_id}/annotations', idempotent: true, node: 'labelingSession.getAll' },
	createLabelingSession: { method: 'POST', path: '/projects/{project_id}/annotations', idempotent: false, node: 'labelingSession.create' },

	// --- labels --------------------------------------------------------------------------------
	updateLabel: { method: 'PUT', path: '/projects/{project_id}/labels/{label_id}', idempotent: true, node: 'label.update' },
	updateLabelByName: { method: 'PUT', path: '/projects/{project_id}/labels/name/{name}', idempotent: true, inferred: true, node: 'label.updateByName' },
	createLabel: { method: 'POST', path: '/projects/{project_id}/labels', idempotent: false, node: 'label.create' },

	// --- models --------------------------------------------------------------------------------
	uploadModel: { method: 'POST', path: '/models/upload', idempotent: false, multipart: true, node: 'model.upload' },
	listModels: { method: 'GET', path: '/models', idempotent: true, node: 'model.getAll' },
	listOrganizationModels: { method: 'GET', path: '/organizations/{organization}/models', idempotent: true, node: 'model.getAllOfWorkspace' },
	getProjectModel: { method: 'GET', path: '/projects/{project_id}/models/{model_id}', idempotent: true, node: 'model.getOfProject' },
	updateProjectModel: { method: 'PUT', path: '/projects/{project_id}/models/{model_id}', idempotent: true, node: 'model.updateOfProject' },
	listProjectModels: { method: 'GET', path: '/projects/{project_id}/models', idempotent: true, node: 'model.getAllOfProject' },
	trainModel: { method: 'POST', path: '/projects/{project_id}/models', idempotent: false, node: 'model.train' },
	listModelAnalyses: { method: 'GET', path: '/models/{model_id}/analyses', idempotent: true, node: 'model.getAnalyses' },
	getModel: { method: 'GET', path: '/models/{model_id}', idempotent: true, node: 'model.get' },
	updateModel: { method: 'PUT', path: '/models/{model_id}', idempotent: true, node: 'model.update' },

	// --- notifications -------------------------------------------------------------------------
	listNotifications: { method: 'GET', path: '/users/{user_id}/notifications', idempotent: true, node: 'notification.getAll' },
	getNotification: { method: 'GET', path: '/users/{user_id}/notifications/{notification_id}', idempotent: true, node: 'notification.get' },
	updateNotification: { method: 'PUT', path: '/users/{user_id}/notifications/{notification_id}', idempotent: true, node: 'notification.update' },

	// --- projects ------------------------------------------------------------------------------
	listProjects: { method: 'GET', path: '/projects', idempotent: true, node: 'project.getAll' },
	createProject: { method: 'POST', path: '/projects', idempotent: false, node: 'project.create' },
	listProjectAnalyses: { method: 'GET', path: '/projects/{project_id}/analyses', idempotent: true, node: 'project.getAnalyses' },
	transferProject: { method: 'POST', path: '/projects/{project_id}/transfer', idempotent: true, node: 'project.transfer' },
	getProjectTask: { method: 'GET', path: '/projects/{project_id}/tasks/{task_id}', idempotent: true, inferred: true, node: 'project.getTask' },
	cloneProject: { method: 'POST', path: '/projects/{project_id}/clone', idempotent: false, node: 'project.clone' },
	getProject: { method: 'GET', path: '/projects/{project_id}', idempotent: true, node: 'project.get' },
	updateProject: { method: 'PUT', path: '/projects/{project_id}', idempotent: true, node: 'project.update' },

	// --- users ---------------------------------------------------------------------------------
	resetPassword: { method: 'POST', path: '/password/reset', idempotent: false, node: 'user.resetPassword' },
	requestPasswordReset: { method: 'POST', path: '/password/email', idempotent: false, node: 'user.requestPasswordReset' },
	getUser: { method: 'GET', path: '/users/{user_id}', idempotent: true, node: 'user.get' },
	updateUser: { method: 'PUT', path: '/users/{user_id}', idempotent: true, node: 'user.update' },
	register: { method: 'POST', path: '/auth/register', idempotent: false, node: 'user.register' },
	login: { method: 'POST', path: '/auth/login', idempotent: true, node: 'user.login' },
	getUserPermissions: { method: 'GET', path: '/users/{user_id}/permissions', idempotent: true, node: 'user.getPermissions' },
	updateUserPermissions: { method: 'PUT', path: '/users/{user_id}/permissions', idempotent: true, node: 'user.updatePermissions' },
	deleteProductKey: { method: 'DELETE', path: '/users/{user_id}/keys/{key_id}', idempotent: true, node: 'user.deleteProductKey' },
	listProductKeys: { method: 'GET', path: '/users/{user_id}/keys', idempotent: true, node: 'user.getProductKeys' },
	// Not a documented operation of its own: the credential test and "my user id" look-ups use it.
	authStatus: { method: 'GET', path: '/auth/status', idempotent: true, node: '' },

	// --- workspaces ----------------------------------------------------------------------------
	acceptInvitation: { method: 'POST', path: '/organizations/users/invite/accept', idempotent: false, node: 'workspace.acceptInvitation' },
	createWorkspace: { method: 'POST', path: '/organizations', idempotent: false, node: 'workspace.create' },
	listInvitations: { method: 'GET', path: '/organizations/{organization_id}/users/invites', idempotent: true, node: 'workspace.getInvitations' },
	inviteUsers: { method: 'POST', path: '/organizations/{organization_id}/users/invite', idempotent: false, node: 'workspace.inviteUsers' },
	updateWorkspaceRole: { method: 'PUT', path: '/organizations/{organization_id}/permissions/{permission_id}', idempotent: true, node: 'workspace.updateRole' },
	addWorkspaceUser: { method: 'POST', path: '/organizations/{organization_id}/permissions', idempotent: false, node: 'workspace.addUser' },
	setDefaultWorkspace: { method: 'POST', path: '/organizations/{organization_id}/default', idempotent: true, node: 'workspace.setDefault' },
	getWorkspace: { method: 'GET', path: '/organizations/{organization_id}', idempotent: true, node: 'workspace.get' },
	updateWorkspace: { method: 'PUT', path: '/organizations/{organization_id}', idempotent: true, node: 'workspace.update' },
	deactivateWorkspace: { method: 'DELETE', path: '/organizations/{organization_id}', idempotent: true, node: 'workspace.deactivate' },
} as const satisfies Record<string, DeepOpinionRoute>;

export type DeepOpinionOperation = keyof typeof DEEPOPINION_ROUTES;

/** The documented operations (everything the node exposes), 93 of them. */
export const DOCUMENTED_OPERATIONS = (Object.keys(DEEPOPINION_ROUTES) as DeepOpinionOperation[]).filter((op) => DEEPOPINION_ROUTES[op].node !== '');

/** Operations whose path is inferred (not in the generated client's route list). */
export const INFERRED_OPERATIONS = (Object.keys(DEEPOPINION_ROUTES) as DeepOpinionOperation[]).filter((op) => (DEEPOPINION_ROUTES[op] as DeepOpinionRoute).inferred === true);
