import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-Auth-Token': '={{$credentials.token}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/sources',
		},
	};
}
