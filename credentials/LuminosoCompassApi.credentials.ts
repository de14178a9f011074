import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const apiRoot = (url: unknown) => String(url ?? '').trim().replace(/\/+$/, '');
const bare = (token: unknown) =>
	String(token ?? '')
		.trim()
		.replace(/^Token\s+/i, '');

export class LuminosoCompassApi implements ICredentialType {
	name = 'luminosoCompassApi';

	displayName = 'Luminoso Compass API';

	icon: Icon = { light: 'file:../nodes/LuminosoCompass/luminoso.svg', dark: 'file:../nodes/LuminosoCompass/luminoso.dark.svg' };

	documentationUrl = 'https://www.luminoso.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Compass URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://compass.example.com/api',
			description: 'The API root of your Compass deployment, ending in /api (Compass is deployed per customer)',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Username and Password', value: 'login', description: 'Log in at POST /login/ for a token; n8n logs in again when it expires (after two weeks, or a password change)' },
				{ name: 'API Token', value: 'token', description: 'A token obtained elsewhere (it is not renewed)' },
			],
			default: 'login',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'name@example.com',
			displayOptions: { show: { authentication: ['login'] } },
			description: 'Your Compass email address',
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
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['token'] } },
			description: 'Sent as "Authorization: Token &lt;token&gt;"',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Exchanges username and password for a token; n8n runs it when the token is empty or a request got 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication === 'token') return {};
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${apiRoot(credentials.url)}/login/`,
			body: { username: credentials.username, password: credentials.password },
			json: true,
		})) as { token?: string };
		return { sessionToken: response.token ?? '' };
	}

	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		const token = credentials.authentication === 'token' ? bare(credentials.apiToken) : bare(credentials.sessionToken);
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Token ${token}` } };
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url.trim().replace(/\\/+$/, "")}}',
			url: '/projects/',
		},
	};
}
