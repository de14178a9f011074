'use strict';
// Login-token style credential: n8n calls preAuthentication when the expirable hidden
// field is empty, and again (credentialsExpired = true) after a request answers 401.
class FixtureLoginApi {
	constructor() {
		this.name = 'fixtureLoginApi';
		this.displayName = 'Fixture Login API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'Username', name: 'username', type: 'string', default: '' },
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
			},
			{
				displayName: 'Session Token',
				name: 'sessionToken',
				type: 'hidden',
				typeOptions: { expirable: true },
				default: '',
			},
		];
		this.authenticate = {
			type: 'generic',
			properties: {
				headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' },
			},
		};
	}

	async preAuthentication(credentials) {
		const response = await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl}/login`,
			body: { username: credentials.username, password: credentials.password },
			json: true,
		});
		return { sessionToken: response.token };
	}
}
module.exports = { FixtureLoginApi };
