import type { Icon, ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

export class ReinferApi implements ICredentialType {
	name = 'reinferApi';

	displayName = 'Re:Infer API';

	icon: Icon = { light: 'file:../nodes/Reinfer/reinfer.svg', dark: 'file:../nodes/Reinfer/reinfer.dark.svg' };

	documentationUrl = 'https://reinfer.io/api/docs';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The developer access token from your re:infer account page',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://reinfer.io',
			required: true,
			description: 'Your re:infer instance, without the /api/v1 suffix',
		},
	];

	/**
	 * Adds the token as `X-Auth-Token`. A function rather than a generic `={{$credentials.token}}`
	 * header: n8n applies it to every request, and a generic header runs the expression engine
	 * each time (about 1-2 ms per request, and tens of ms for the first expression of a process).
	 */
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, 'X-Auth-Token': String(credentials.token ?? '') },
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/sources',
		},
	};
}
