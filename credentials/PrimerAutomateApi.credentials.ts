import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const LOGIN_PATH = '/api/v1/auth/login';

const trimSlash = (url: unknown) => String(url ?? '').replace(/\/+$/, '');
const bare = (token: unknown) =>
	String(token ?? '')
		.trim()
		.replace(/^(JWT|Bearer)\s+/i, '');

export class PrimerAutomateApi implements ICredentialType {
	name = 'primerAutomateApi';

	displayName = 'Primer Automate API';

	icon: Icon = { light: 'file:../nodes/PrimerAutomate/primer.svg', dark: 'file:../nodes/PrimerAutomate/primer.dark.svg' };

	documentationUrl = 'https://auto.primer.ai/api/v1alpha/automate/docs';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Username and Password', value: 'login', description: 'Log in at the SSO for a JWT; n8n logs in again when it expires' },
				{ name: 'Pre-Issued Token', value: 'token', description: 'A JWT obtained elsewhere (it is not refreshed)' },
			],
			default: 'login',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['login'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['login'] } },
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['token'] } },
			description: 'The JWT, sent as "Authorization: JWT &lt;token&gt;"',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://auto.primer.ai/api/v1alpha/automate',
			required: true,
			description: 'The Automate API, e.g. https://auto.primer.ai/api/v1alpha/automate or https://api.primer.ai/api/v1alpha/automate',
		},
		{
			displayName: 'SSO Base URL',
			name: 'ssoUrl',
			type: 'string',
			default: 'https://sso.primer.ai',
			displayOptions: { show: { authentication: ['login'] } },
			description: 'Where the login (/api/v1/auth/login) is',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Exchanges username and password for a JWT; n8n runs it when the token is empty or a request got 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication === 'token') return {};
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${trimSlash(credentials.ssoUrl || 'https://sso.primer.ai')}${LOGIN_PATH}`,
			body: { username: credentials.username, password: credentials.password },
			json: true,
		})) as { access_token?: string };
		return { accessToken: response.access_token ?? '' };
	}

	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		const token = credentials.authentication === 'token' ? bare(credentials.token) : bare(credentials.accessToken);
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `JWT ${token}` } };
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/datasets/',
		},
	};
}
