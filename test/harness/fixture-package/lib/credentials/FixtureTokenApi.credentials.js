'use strict';
// Static API token sent as a header through n8n's generic (declarative) authentication.
class FixtureTokenApi {
	constructor() {
		this.name = 'fixtureTokenApi';
		this.displayName = 'Fixture Token API';
		this.properties = [
			{
				displayName: 'Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
			},
		];
		this.authenticate = {
			type: 'generic',
			properties: {
				headers: { 'X-Auth-Token': '={{$credentials.token}}' },
			},
		};
	}
}
module.exports = { FixtureTokenApi };
