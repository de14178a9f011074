import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class ApresApi implements ICredentialType {
	name = 'apresApi';

	displayName = 'Apres API';

	icon: Icon = { light: 'file:../nodes/Apres/apres.svg', dark: 'file:../nodes/Apres/apres.dark.svg' };

	documentationUrl = 'https://api.apres.io/api/v1';

	properties: INodeProperties[] = [
		{
			displayName: 'Recipe API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key of the recipe, created with the recipe in the Apres dashboard. One credential is one recipe.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.apres.io/api/v1',
			required: true,
			description: 'The Apres API endpoint, including /api/v1',
		},
	];

	// Apres expects the bare key, without a scheme: `Authorization: <RECIPE_API_KEY>`.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/recipe',
		},
	};
}
