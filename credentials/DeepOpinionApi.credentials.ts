import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * DeepOpinion Studio: log in with email and password (`POST /auth/login` answers an `auth_token`,
 * sent as `Authorization: Bearer`), or use a pre-issued token. The login token is an expirable
 * hidden field: n8n fills it through preAuthentication when it is empty, and again after a 401.
 */
export class DeepOpinionApi implements ICredentialType {
	name = 'deepOpinionApi';

	displayName = 'DeepOpinion API';

	icon: Icon = { light: 'file:../nodes/DeepOpinion/deepopinion.svg', dark: 'file:../nodes/DeepOpinion/deepopinion.dark.svg' };

	documentationUrl = 'https://docs.deepopinion.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			options: [
				{ name: 'Email and Password', value: 'login', description: 'Log in with POST /auth/login; n8n logs in again when the token expires' },
				{ name: 'Pre-Issued Token', value: 'token', description: 'A JWT issued by DeepOpinion, sent as is' },
			],
			default: 'login',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			displayOptions: { show: { authMethod: ['login'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMethod: ['login'] } },
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The auth_token (JWT) to send as "Authorization: Bearer"',
			displayOptions: { show: { authMethod: ['token'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.deepopinion.ai',
			required: true,
			description: 'The Studio API, without a trailing slash',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<{ authToken: string }> {
		if (credentials.authMethod === 'token') return { authToken: String(credentials.token ?? '').trim() };
		const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}/auth/login`,
			body: { email: credentials.email, password: credentials.password },
			json: true,
		})) as { auth_token?: unknown };
		if (typeof response?.auth_token !== 'string' || response.auth_token === '') {
			throw new Error('DeepOpinion login did not answer an auth_token: check the email, password and base URL');
		}
		return { authToken: response.auth_token };
	}

	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.authToken ?? '')}` },
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/auth/status',
		},
	};
}
