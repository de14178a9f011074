'use strict';
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

// Programmatic node: one HTTP call per item through this.helpers.httpRequestWithAuthentication,
// binary in (upload) and binary out (download), continue-on-fail with pairedItem.
class FixtureApi {
	constructor() {
		this.description = {
			displayName: 'Fixture API',
			name: 'fixtureApi',
			group: ['transform'],
			version: 1,
			description: 'Harness fixture node',
			defaults: { name: 'Fixture API' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{
					name: 'fixtureTokenApi',
					required: true,
					displayOptions: { show: { authentication: ['token'] } },
				},
				{
					name: 'fixtureLoginApi',
					required: true,
					displayOptions: { show: { authentication: ['login'] } },
				},
			],
			properties: [
				{
					displayName: 'Authentication',
					name: 'authentication',
					type: 'options',
					options: [
						{ name: 'Token', value: 'token' },
						{ name: 'Login', value: 'login' },
					],
					default: 'token',
				},
				{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '', required: true },
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					options: [
						{ name: 'Echo', value: 'echo' },
						{ name: 'Upload', value: 'upload' },
						{ name: 'Download', value: 'download' },
					],
					default: 'echo',
				},
				{
					displayName: 'Binary Property',
					name: 'binaryPropertyName',
					type: 'string',
					default: 'data',
					displayOptions: { show: { operation: ['upload', 'download'] } },
				},
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const returnData = [];
		const authentication = this.getNodeParameter('authentication', 0);
		const credentialType = authentication === 'login' ? 'fixtureLoginApi' : 'fixtureTokenApi';

		for (let i = 0; i < items.length; i++) {
			try {
				const operation = this.getNodeParameter('operation', i);
				const baseUrl = this.getNodeParameter('baseUrl', i);
				if (operation === 'echo') {
					if (typeof items[i].json.text !== 'string') {
						throw new NodeOperationError(this.getNode(), 'Item has no text', {
							itemIndex: i,
							description: 'Every input item needs a string "text" field',
						});
					}
					const response = await this.helpers.httpRequestWithAuthentication.call(
						this,
						credentialType,
						{ method: 'POST', url: `${baseUrl}/echo`, body: items[i].json, json: true },
					);
					returnData.push({ json: response, pairedItem: { item: i } });
				} else if (operation === 'upload') {
					const property = this.getNodeParameter('binaryPropertyName', i);
					const binaryData = this.helpers.assertBinaryData(i, property);
					const buffer = await this.helpers.getBinaryDataBuffer(i, property);
					const response = await this.helpers.httpRequestWithAuthentication.call(
						this,
						credentialType,
						{
							method: 'POST',
							url: `${baseUrl}/upload`,
							body: buffer,
							headers: { 'Content-Type': binaryData.mimeType },
							json: true,
						},
					);
					returnData.push({ json: response, pairedItem: { item: i } });
				} else {
					const property = this.getNodeParameter('binaryPropertyName', i);
					const response = await this.helpers.httpRequestWithAuthentication.call(
						this,
						credentialType,
						{
							method: 'GET',
							url: `${baseUrl}/file`,
							encoding: 'arraybuffer',
							returnFullResponse: true,
						},
					);
					const body = Buffer.from(response.body);
					const binary = await this.helpers.prepareBinaryData(
						body,
						'report.txt',
						String(response.headers['content-type']).split(';')[0],
					);
					returnData.push({
						json: { size: body.length },
						binary: { [property]: binary },
						pairedItem: { item: i },
					});
				}
			} catch (error) {
				if (this.continueOnFail()) {
					// n8n's engine routes an item to the error output (onError: continueErrorOutput) only
					// if it carries `error`, or its json is exactly { error } or { error, message }.
					returnData.push({ json: { error: error.message }, error, pairedItem: { item: i } });
					continue;
				}
				if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
				throw new NodeOperationError(this.getNode(), error, { itemIndex: i });
			}
		}
		return [returnData];
	}
}
module.exports = { FixtureApi };
