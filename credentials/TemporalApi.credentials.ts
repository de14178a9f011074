import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, Icon, INodeProperties } from 'n8n-workflow';

export class TemporalApi implements ICredentialType {
	name = 'temporalApi';

	displayName = 'Temporal API';

	icon: Icon = { light: 'file:../nodes/Temporal/temporal.svg', dark: 'file:../nodes/Temporal/temporal.dark.svg' };

	documentationUrl = 'https://docs.temporal.io/cloud/api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'HTTP API URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://localhost:7243',
			required: true,
			placeholder: 'http://localhost:7243',
			description: "Base URL of the Temporal frontend's HTTP API, without /api/v1 (a dev server's --http-port, default 7243)",
		},
		{
			displayName: 'Namespace',
			name: 'namespace',
			type: 'string',
			default: 'default',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Sent as "Authorization: Bearer" (e.g. a Temporal Cloud API key). Leave empty for a server without authentication.',
		},
		{
			displayName: 'Task Queue',
			name: 'taskQueue',
			type: 'string',
			default: 'textai',
			required: true,
			description: 'The task queue the Textai workers poll (their TEMPORAL_TASK_QUEUE)',
		},
		{
			displayName: 'Payload Encryption Keys',
			name: 'payloadSecretKeys',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'k1:base64-of-32-random-bytes',
			description:
				"The workers' TEXTAI_PAYLOAD_KEYS: comma-separated id:base64-key pairs, the first one active. When set, job inputs and signal arguments are encrypted and results decrypted. Leave empty when the workers do not encrypt.",
		},
	];

	// The API key is optional: send the header only when there is one.
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
		if (!apiKey) return requestOptions;
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${apiKey}` } };
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/api/v1/namespaces/{{encodeURIComponent($credentials.namespace)}}',
		},
	};
}
