'use strict';

// Polling trigger: remembers the highest event id it has emitted in the node's static data.
class FixturePollTrigger {
	constructor() {
		this.description = {
			displayName: 'Fixture Poll Trigger',
			name: 'fixturePollTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Harness fixture polling trigger',
			defaults: { name: 'Fixture Poll Trigger' },
			polling: true,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'fixtureTokenApi', required: true }],
			properties: [{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' }],
		};
	}

	async poll() {
		const staticData = this.getWorkflowStaticData('node');
		const baseUrl = this.getNodeParameter('baseUrl');
		const since = typeof staticData.lastId === 'number' ? staticData.lastId : 0;
		const response = await this.helpers.httpRequestWithAuthentication.call(this, 'fixtureTokenApi', {
			method: 'GET',
			url: `${baseUrl}/events`,
			qs: { since },
			json: true,
		});
		const events = response.events;
		if (events.length === 0) return null;
		staticData.lastId = Math.max(...events.map((event) => event.id));
		return [this.helpers.returnJsonArray(events)];
	}
}
module.exports = { FixturePollTrigger };
