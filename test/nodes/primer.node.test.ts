/**
 * Every Primer Automate operation from the n8n node, through n8n's engine (WorkflowExecute),
 * against the emulator over real HTTP, with the username/password credential: n8n's
 * preAuthentication logs in (SSO) and logs in again when the token expired.
 */
import * as XLSX from '@e965/xlsx';
import { ENTITIES_MODEL, NEWS_TOPICS_MODEL, startPrimerEmulator, UNDEPLOYED_MODEL, type PrimerEmulator } from '../../emulators/primer';
import { PrimerAutomate } from '../../nodes/PrimerAutomate/PrimerAutomate.node';
import { binaryItem, byId, byList, loadOptionsContext, loginCredentials, PRIMER_USER, runPrimer, tokenCredentials } from './primerWorkflow';

let emu: PrimerEmulator;
let credentials: ReturnType<typeof loginCredentials>;

beforeAll(async () => {
	emu = await startPrimerEmulator({ users: [PRIMER_USER], tokens: ['pre-issued-token-5d2a'], settings: { jobQueuedMs: 50, jobProcessingMs: 200, deployMs: 300 } });
	credentials = loginCredentials(emu);
});
afterAll(async () => emu.close());

const stories = [
	{ text: 'Michael Phelps wins the swimming final for the team', id: 's1', title: 'Gold', label: 'Sports' },
	{ text: 'The minister called a snap election', id: 's2', title: 'Vote', label: 'Politics' },
	{ text: 'Hospital doctors warn of a new virus', id: 's3', title: 'Ward', label: ['Health', 'Politics'] },
];

const uploadFromItems = (extra: object = {}) => ({
	resource: 'dataset',
	operation: 'upload',
	displayName: 'stories',
	documentType: 'News',
	inputSource: 'items',
	text: '={{ $json.text }}',
	documentFields: { id: '={{ $json.id }}', title: '={{ $json.title }}', label: '={{ $json.label }}' },
	options: { modelId: NEWS_TOPICS_MODEL },
	...extra,
});

async function waitUntilDone(id: number): Promise<Record<string, unknown>> {
	for (;;) {
		const status = await runPrimer(credentials, { resource: 'prediction', operation: 'getStatus', requestPredictionsId: '={{ $json.id }}' }, [{ id }]);
		if (status.json[0].done) return status.json[0];
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe('Primer Automate node through n8n engine, against the emulator', () => {
	let datasetId = '';

	test('login: the first request logs in at the SSO, the token is stored, reused, and renewed after it expired', async () => {
		const first = await runPrimer(credentials, { resource: 'dataset', operation: 'getAll', returnAll: true });
		expect(first.error).toBeUndefined();
		expect(first.status).toBe('success');
		expect(emu.primer.auth.logins).toBe(1);
		const token = credentials.primerAutomateApi.accessToken as string;
		expect(token.split('.')).toHaveLength(3);

		await runPrimer(credentials, { resource: 'dataset', operation: 'getAll', returnAll: true });
		expect(emu.primer.auth.logins).toBe(1);

		emu.primer.revokeTokens(); // the server no longer accepts the stored token
		const renewed = await runPrimer(credentials, { resource: 'dataset', operation: 'getAll', returnAll: true });
		expect(renewed.status).toBe('success');
		// The stale token is refused twice: once as the client sent it, once on n8n's own re-send,
		// whose 401 makes n8n run preAuthentication again (then the request succeeds).
		expect(emu.primer.auth).toMatchObject({ logins: 2, invalid: 2 });
		expect(credentials.primerAutomateApi.accessToken).not.toBe(token);
		expect(JSON.stringify(renewed.run.data)).not.toContain(PRIMER_USER.password);
	});

	test('dataset upload: from items (CSV), linked to a model, labels included', async () => {
		const result = await runPrimer(credentials, uploadFromItems(), stories);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ dataset_id: expect.stringMatching(/^[0-9a-f-]{36}$/), documents: 3, items: 3, fileType: 'csv' }]);
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		datasetId = result.json[0].dataset_id as string;
		expect(emu.primer.dataset(datasetId)).toMatchObject({ display_name: 'stories', document_type: 'News', num_documents: 3, models: [{ id: NEWS_TOPICS_MODEL }] });
		expect(emu.primer.documents(datasetId).map((d) => [d.id, d.title, d.labels])).toEqual([
			['s1', 'Gold', ['Sports']],
			['s2', 'Vote', ['Politics']],
			['s3', 'Ward', ['Health', 'Politics']],
		]);
	});

	test('dataset upload: binary CSV with header matching, binary JSON, and XLSX converted in the node', async () => {
		const csv = 'ref,headline,body\r\n1,Markets,"Bank shares rose, profit up"\r\n2,Match,"A late goal won the match"\r\n';
		const json = JSON.stringify([{ content: 'Vaccine rollout at the hospital' }, { content: 'Senate vote delayed' }]);
		const book = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Story', 'Ref'], ['Earnings beat the market', 10], ['Olympic medal for the team', 11]]), 'Stories');
		const xlsx = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
		const result = await runPrimer(
			credentials,
			{ resource: 'dataset', operation: 'upload', displayName: '={{ $json.name }}', documentType: 'Other', inputSource: 'binary', binaryPropertyName: 'data', fileType: 'auto', headerMatching: { text: '={{ $json.textColumn }}', id: '={{ $json.idColumn }}' } },
			[
				binaryItem(csv, 'markets.csv', 'text/csv', { name: 'csv file', textColumn: 'body', idColumn: 'ref' }),
				binaryItem(json, 'health.json', 'application/json', { name: 'json file', textColumn: 'content', idColumn: '' }),
				binaryItem(xlsx, 'stories.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', { name: 'xlsx file', textColumn: 'Story', idColumn: 'Ref' }),
			],
		);
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => [j.fileName, j.fileType, j.documents, j.convertedTo])).toEqual([
			['markets.csv', 'csv', 2, undefined],
			['health.json', 'json', 2, undefined],
			['stories.xlsx', 'xlsx', 2, 'csv'],
		]);
		const [csvDataset, jsonDataset, xlsxDataset] = result.json.map((j) => j.dataset_id as string);
		expect(emu.primer.documents(csvDataset).map((d) => [d.id, d.text])).toEqual([
			['1', 'Bank shares rose, profit up'],
			['2', 'A late goal won the match'],
		]);
		expect(emu.primer.documents(jsonDataset).map((d) => d.text)).toEqual(['Vaccine rollout at the hospital', 'Senate vote delayed']);
		expect(emu.primer.documents(xlsxDataset).map((d) => [d.id, d.text])).toEqual([
			['10', 'Earnings beat the market'],
			['11', 'Olympic medal for the team'],
		]);
		expect(emu.primer.dataset(xlsxDataset)?.display_name).toBe('xlsx file');
	});

	test('dataset create entry keeps the 64-bit user id; get many filters and limits', async () => {
		const created = await runPrimer(credentials, {
			resource: 'dataset',
			operation: 'create',
			displayName: 'Bicycle_data',
			documentType: 'Social Media',
			userId: '4028440374033030052',
			orgId: 1,
			numDocuments: 100,
			isArchived: true,
			options: { description: 'Compiled bicycle dataset' },
		});
		expect(created.error).toBeUndefined();
		expect(created.json[0]).toMatchObject({ user_id: '4028440374033030052', display_name: 'Bicycle_data', num_documents: 100, is_archived: true, description: 'Compiled bicycle dataset' });

		const all = await runPrimer(credentials, { resource: 'dataset', operation: 'getAll', returnAll: true });
		expect(all.json).toHaveLength(5);
		const active = await runPrimer(credentials, { resource: 'dataset', operation: 'getAll', returnAll: true, filters: { includeArchived: false, modelId: NEWS_TOPICS_MODEL } });
		expect(active.json.map((d) => d.id)).toEqual([datasetId]);
		const named = await runPrimer(credentials, { resource: 'dataset', operation: 'getAll', returnAll: false, limit: 2, filters: { name: 'FILE' } });
		expect(named.json.map((d) => d.display_name)).toEqual(['csv file', 'json file']);
	});

	test('dataset append: from items as JSON, and from a binary CSV file', async () => {
		const fromItems = await runPrimer(
			credentials,
			{ resource: 'dataset', operation: 'append', dataset: byList(datasetId), inputSource: 'items', text: '={{ $json.text }}', itemsFiletype: 'json', documentFields: { id: '={{ $json.id }}' } },
			[{ text: 'Company earnings and bank profit', id: 's4' }],
		);
		expect(fromItems.error).toBeUndefined();
		expect(fromItems.json[0]).toMatchObject({ dataset_id: datasetId, num_documents: 4, documents: 1, fileType: 'json' });
		const fromFile = await runPrimer(credentials, { resource: 'dataset', operation: 'append', dataset: byId(datasetId), inputSource: 'binary', binaryPropertyName: 'data', fileType: 'csv' }, [
			binaryItem('id,text\ns5,Election results in parliament\n', 'more.txt', 'text/plain'),
		]);
		expect(fromFile.json[0]).toMatchObject({ dataset_id: datasetId, num_documents: 5, documents: 1 });
		expect(emu.primer.documents(datasetId).map((d) => d.id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
	});

	test('labels: download one item per labelled document', async () => {
		const result = await runPrimer(credentials, { resource: 'label', operation: 'download', model: byId(NEWS_TOPICS_MODEL), returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.json.map((d) => d.document_id)).toEqual(['s1', 's2', 's3']);
		const third = result.json[2].labels as Array<{ label_name: string; value: boolean }>;
		expect(third.filter((l) => l.value).map((l) => l.label_name).sort()).toEqual(['Health', 'Politics']);
		expect(result.json[0]).toMatchObject({ document_title: 'Gold', document_text: stories[0].text });
	});

	test('model: predict (multi-label and NER) and deploy', async () => {
		const predicted = await runPrimer(credentials, { resource: 'model', operation: 'predict', model: byList(NEWS_TOPICS_MODEL), text: '={{ $json.text }}' }, [{ text: stories[0].text }, { text: stories[1].text }]);
		expect(predicted.error).toBeUndefined();
		expect(predicted.json.map((j) => j.predicted_labels)).toEqual([['Sports'], ['Politics']]);
		expect(predicted.json[0]).toMatchObject({ model_id: NEWS_TOPICS_MODEL, model_type: 'CLF_MULTILABEL' });
		expect((predicted.json[0].labels as object[])[0]).toEqual({ label: 'Sports', score: expect.any(Number), threshold: 0.5, classification: true });
		expect(predicted.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		const ner = await runPrimer(credentials, { resource: 'model', operation: 'predict', model: byId(ENTITIES_MODEL), text: 'Ada Lovelace met IBM on 2024-01-02' });
		expect(ner.json[0]).toMatchObject({ model_type: 'NER', labels: [{ label: 'PERSON', text: 'Ada Lovelace', start: 0, end: 12 }, { label: 'ORG', text: 'IBM' }, { label: 'DATE', text: '2024-01-02' }] });
		expect(ner.json[0].predicted_labels).toBeUndefined();

		const deployed = await runPrimer(credentials, { resource: 'model', operation: 'deploy', model: byId(UNDEPLOYED_MODEL) });
		expect(deployed.json).toEqual([{ model_id: UNDEPLOYED_MODEL, status_message: 'Model deployment requested' }]);
		expect(emu.primer.model(UNDEPLOYED_MODEL)?.deployment.state).toBe('deploying');
		// Predicting while it deploys: the 503 (Retry-After: 1) is retried until the model serves.
		const served = await runPrimer(credentials, { resource: 'model', operation: 'predict', model: byId(UNDEPLOYED_MODEL), text: 'outbreak cases rise' });
		expect(served.error).toBeUndefined();
		expect(served.json[0].predicted_labels).toEqual(['NT']);
	});

	test('prediction: request bulk predictions, get status until done, download as items (JSON and CSV) and as a file', async () => {
		const requested = await runPrimer(credentials, { resource: 'prediction', operation: 'request', dataset: byList(datasetId), model: byList(NEWS_TOPICS_MODEL) });
		expect(requested.error).toBeUndefined();
		const id = requested.json[0].request_predictions_id as number;
		expect(requested.json[0]).toEqual({ request_predictions_id: id, dataset_id: datasetId, model_id: NEWS_TOPICS_MODEL });
		const first = await runPrimer(credentials, { resource: 'prediction', operation: 'getStatus', requestPredictionsId: '={{ $json.request_predictions_id }}' }, requested.json);
		expect(first.json[0]).toMatchObject({ request_predictions_id: id, done: false, succeeded: false });
		expect(['PENDING', 'PROCESSING']).toContain(first.json[0].status);
		expect(await waitUntilDone(id)).toEqual({ request_predictions_id: id, status: 'COMPLETED', done: true, succeeded: true });

		const asJson = await runPrimer(credentials, { resource: 'prediction', operation: 'download', dataset: byId(datasetId), model: byId(NEWS_TOPICS_MODEL), format: 'JSON', output: 'items', returnAll: true });
		expect(asJson.error).toBeUndefined();
		expect(asJson.json.map((d) => d.document_id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
		expect(asJson.json[0]).toMatchObject({ model_type: 'CLF_MULTILABEL', document_text: stories[0].text });

		const asCsv = await runPrimer(credentials, { resource: 'prediction', operation: 'download', dataset: byId(datasetId), model: byId(NEWS_TOPICS_MODEL), format: 'CSV', output: 'items', returnAll: false, limit: 2 });
		expect(asCsv.json).toHaveLength(2);
		expect(asCsv.json[1]).toMatchObject({ document_id: 's2', predicted_labels: 'Politics', Politics: expect.stringMatching(/^0\.\d+$/) });

		const asFile = await runPrimer(credentials, { resource: 'prediction', operation: 'download', dataset: byId(datasetId), model: byId(NEWS_TOPICS_MODEL), format: 'CSV', output: 'binary', binaryPropertyName: 'file' });
		expect(asFile.json).toEqual([{ dataset_id: datasetId, model_id: NEWS_TOPICS_MODEL, format: 'CSV', documents: 5 }]);
		const binary = asFile.items[0].binary?.file;
		expect(binary).toMatchObject({ mimeType: 'text/csv', fileName: `predictions-${datasetId}.csv`, fileExtension: 'csv' });
	});

	test('a pre-issued token credential works without any login', async () => {
		const logins = emu.primer.auth.logins;
		const result = await runPrimer(tokenCredentials(emu, 'JWT pre-issued-token-5d2a'), { resource: 'model', operation: 'predict', model: byId(NEWS_TOPICS_MODEL), text: 'goal' });
		expect(result.error).toBeUndefined();
		expect(emu.primer.auth.logins).toBe(logins);
	});

	test('model and dataset pickers (listSearch) list what the API knows, filtered', async () => {
		const node = new PrimerAutomate();
		const ctx = loadOptionsContext(loginCredentials(emu));
		const datasets = await node.methods.listSearch.searchDatasets.call(ctx, 'stories');
		expect(datasets.results).toEqual([{ name: 'stories (5 documents)', value: datasetId }]);
		const models = await node.methods.listSearch.searchModels.call(ctx);
		expect(models.results).toEqual([{ name: `News topics (${NEWS_TOPICS_MODEL.slice(0, 8)})`, value: NEWS_TOPICS_MODEL }]);
		expect((await node.methods.listSearch.searchModels.call(ctx, 'nothing')).results).toEqual([]);
	});
});
