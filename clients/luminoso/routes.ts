import type { HttpMethod } from '../core';

/**
 * Every Luminoso Compass operation in one table: method, path template (relative to the Compass
 * URL, `https://<host>/api`) and retry semantics. Every path ends with a trailing slash, as the
 * API requires. Path parameters are `{name}`; the client percent-encodes each value.
 *
 * Inferred from the documentation where it is ambiguous:
 * - classifier topics are created at `.../classifiers/<id>/topics/` (the doc omits the slash);
 * - classifier topics are changed and deleted at `.../p/topics/<id>/` (the doc writes `p//topics`),
 *   the same route as project topics.
 */
export const LUMINOSO_ROUTES = {
	// Tokens
	login: { method: 'POST', path: '/login/', idempotent: false },
	listTokens: { method: 'GET', path: '/tokens/', idempotent: true },
	getToken: { method: 'GET', path: '/tokens/{token}/', idempotent: true },
	deleteToken: { method: 'DELETE', path: '/tokens/{token}/', idempotent: true },
	// Projects
	listProjects: { method: 'GET', path: '/projects/', idempotent: true },
	createProject: { method: 'POST', path: '/projects/', idempotent: false },
	getProject: { method: 'GET', path: '/projects/{projectId}/', idempotent: true },
	updateProject: { method: 'PUT', path: '/projects/{projectId}/', idempotent: true },
	deleteProject: { method: 'DELETE', path: '/projects/{projectId}/', idempotent: true },
	// Documents
	listDocuments: { method: 'GET', path: '/projects/{projectId}/p/documents/', idempotent: true },
	addDocuments: { method: 'POST', path: '/projects/{projectId}/p/documents/', idempotent: false },
	// Classifiers
	listClassifiers: { method: 'GET', path: '/projects/{projectId}/p/classifiers/', idempotent: true },
	createClassifier: { method: 'POST', path: '/projects/{projectId}/p/classifiers/', idempotent: false },
	getClassifier: { method: 'GET', path: '/projects/{projectId}/p/classifiers/{classifierId}/', idempotent: true },
	updateClassifier: { method: 'PUT', path: '/projects/{projectId}/p/classifiers/{classifierId}/', idempotent: true },
	deleteClassifier: { method: 'DELETE', path: '/projects/{projectId}/p/classifiers/{classifierId}/', idempotent: true },
	createClassifierTopic: { method: 'POST', path: '/projects/{projectId}/p/classifiers/{classifierId}/topics/', idempotent: false },
	updateClassifierTopic: { method: 'PUT', path: '/projects/{projectId}/p/topics/{topicId}/', idempotent: true },
	deleteClassifierTopic: { method: 'DELETE', path: '/projects/{projectId}/p/topics/{topicId}/', idempotent: true },
	// Classification without saving is a pure read of the classifiers.
	classify: { method: 'POST', path: '/projects/{projectId}/p/classify/', idempotent: true },
	// Project topics
	listTopics: { method: 'GET', path: '/projects/{projectId}/p/topics/', idempotent: true },
	createTopic: { method: 'POST', path: '/projects/{projectId}/p/topics/', idempotent: false },
	getTopic: { method: 'GET', path: '/projects/{projectId}/p/topics/{topicId}/', idempotent: true },
	listTopicMessages: { method: 'GET', path: '/projects/{projectId}/p/topics/{topicId}/messages/', idempotent: true },
	updateTopic: { method: 'PUT', path: '/projects/{projectId}/p/topics/{topicId}/', idempotent: true },
	deleteTopic: { method: 'DELETE', path: '/projects/{projectId}/p/topics/{topicId}/', idempotent: true },
	listTopicsHistory: { method: 'GET', path: '/projects/{projectId}/p/topics_history/', idempotent: true },
	// Messages: posting saves them, so a post is only repeated when the server refused it (429).
	addMessages: { method: 'POST', path: '/projects/{projectId}/p/messages/', idempotent: false },
	listMessages: { method: 'GET', path: '/projects/{projectId}/p/messages/', idempotent: true },
	getMessage: { method: 'GET', path: '/projects/{projectId}/p/messages/{messageId}/', idempotent: true },
	deleteMessage: { method: 'DELETE', path: '/projects/{projectId}/p/messages/{messageId}/', idempotent: true },
	// Statistics, usage, configuration
	getStats: { method: 'GET', path: '/projects/{projectId}/p/stats/', idempotent: true },
	listUsage: { method: 'GET', path: '/projects/{projectId}/p/usage/', idempotent: true },
	getUsage: { method: 'GET', path: '/projects/{projectId}/p/usage/{usageId}/', idempotent: true },
	getConfig: { method: 'GET', path: '/projects/{projectId}/p/config/', idempotent: true },
	getConfigValue: { method: 'GET', path: '/projects/{projectId}/p/config/{key}/', idempotent: true },
	setConfigValue: { method: 'PUT', path: '/projects/{projectId}/p/config/{key}/', idempotent: true },
	deleteConfigValue: { method: 'DELETE', path: '/projects/{projectId}/p/config/{key}/', idempotent: true },
	// Accounts
	listAccounts: { method: 'GET', path: '/accounts/', idempotent: true },
	createAccount: { method: 'POST', path: '/accounts/', idempotent: false },
	getAccount: { method: 'GET', path: '/accounts/{accountId}/', idempotent: true },
	updateAccount: { method: 'PUT', path: '/accounts/{accountId}/', idempotent: true },
	deleteAccount: { method: 'DELETE', path: '/accounts/{accountId}/', idempotent: true },
	// Users
	listUsers: { method: 'GET', path: '/users/', idempotent: true },
	createUser: { method: 'POST', path: '/users/', idempotent: false },
	getUser: { method: 'GET', path: '/users/{email}/', idempotent: true },
	updateUser: { method: 'PUT', path: '/users/{email}/', idempotent: true },
	deleteUser: { method: 'DELETE', path: '/users/{email}/', idempotent: true },
	// Repeating a password change would fail on the old password, and a reset makes a new one.
	changePassword: { method: 'PUT', path: '/users/{email}/password/', idempotent: false },
	resetPassword: { method: 'POST', path: '/users/{email}/password/reset/', idempotent: false },
	// Permissions
	listPermissions: { method: 'GET', path: '/permissions/', idempotent: true },
	createPermission: { method: 'POST', path: '/permissions/', idempotent: false },
	getPermission: { method: 'GET', path: '/permissions/{permissionId}/', idempotent: true },
	deletePermission: { method: 'DELETE', path: '/permissions/{permissionId}/', idempotent: true },
} as const satisfies Record<string, { method: HttpMethod; path: string; idempotent: boolean }>;

export type LuminosoOperation = keyof typeof LUMINOSO_ROUTES;
