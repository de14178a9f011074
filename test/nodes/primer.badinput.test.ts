/** Bad input to the Primer Automate node is refused before any write, naming the item and field. */
import { NEWS_TOPICS_MODEL, startPrimerEmulator, type PrimerEmulator } from '../../emulators/primer';
import { binaryItem, byId, loginCredentials, PRIMER_USER, runPrimer } from './primerWorkflow';

let emu: PrimerEmulator;
let credentials: ReturnType<typeof loginCredentials>;

beforeEach(async () => {
	emu = await startPrimerEmulator({ users: [PRIMER_USER], settings: { jobQueuedMs: 10, jobProcessingMs: 50 } });
	credentials = loginCredentials(emu);
});
afterEach(async () => emu.close());

function uploads(): number {
	const routes = emu.stats().byRoute;
	return Object.entries(routes)
		.filter(([key]) => key.includes('datasets:upload'))
		.reduce((sum, [, r]) => sum + r.count, 0);
}

const binaryUpload = (extra: object = {}) => ({ resource: 'dataset', operation: 'upload', displayName: 'x', documentType: 'Other', inputSource: 'binary', binaryPropertyName: 'data', fileType: 'auto', ...extra });
const itemsUpload = (extra: object = {}) => ({ resource: 'dataset', operation: 'upload', displayName: 'x', documentType: 'Other', inputSource: 'items', text: '={{ $json.text }}', ...extra });

describe('bad input names what is wrong, and nothing is sent', () => {
	test('unknown file type', async () => {
		const result = await runPrimer(credentials, binaryUpload(), [binaryItem('some notes', 'notes.txt', 'text/plain')]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Invalid input for Primer Automate uploadDataset: Item 0: field "fileType" cannot be detected for "notes.txt" (MIME type text/plain): choose CSV, JSON or XLSX',
		);
		expect(uploads()).toBe(0);
	});

	test('missing display name', async () => {
		// An expression that comes out empty (a literal empty value is caught by n8n's editor already).
		const result = await runPrimer(credentials, itemsUpload({ displayName: '={{ $json.name }}' }), [{ text: 'a', name: '' }]);
		expect(result.error?.message).toBe('Invalid input for Primer Automate uploadDataset: Item 0: field "dataset_meta_display_name" is required and must be non-empty text, got "" (the new dataset\'s name)');
		expect(uploads()).toBe(0);
	});

	test('non-UUID model, dataset and request ids', async () => {
		// Ids from expressions (the editor checks literal ones against the UUID pattern already).
		const model = await runPrimer(credentials, { resource: 'model', operation: 'predict', model: byId('={{ "topics-v2" }}'), text: 'hello' });
		expect(model.error?.message).toBe('Invalid input for Primer Automate predict: Item 0: field "model_id" must be a UUID like 3a437e2e-99fb-480c-a112-db9e82ae6ec7, got "topics-v2"');
		const dataset = await runPrimer(credentials, { resource: 'prediction', operation: 'request', dataset: byId('={{ $json.dataset }}'), model: byId(NEWS_TOPICS_MODEL) }, [{ dataset: 'my-dataset' }, {}]);
		expect(dataset.error?.message).toBe('Invalid input for Primer Automate requestBulkPredictions: Item 0: field "dataset_id" must be a UUID like 3a437e2e-99fb-480c-a112-db9e82ae6ec7, got "my-dataset"');
		const status = await runPrimer(credentials, { resource: 'prediction', operation: 'getStatus', requestPredictionsId: 'job-7' });
		expect(status.error?.message).toBe(
			'Invalid input for Primer Automate getPredictionStatus: Item 0: field "request_predictions_id" must be a positive whole number (the id returned when the bulk predictions were requested), got "job-7"',
		);
		expect(emu.stats().total).toBe(0);
	});

	test('malformed CSV row, missing text column, invalid JSON', async () => {
		const csv = await runPrimer(credentials, binaryUpload(), [binaryItem('id,text\n1,fine\n2,has,an extra field\n', 'docs.csv', 'text/csv')]);
		expect(csv.error?.message).toBe('Invalid input for Primer Automate uploadDataset: Item 0: field "binary.data" is not valid CSV: data row 1 (line 3) has 3 fields, but the header has 2');
		const column = await runPrimer(credentials, binaryUpload({ headerMatching: { text: 'body' } }), [binaryItem('id,text\n1,fine\n', 'docs.csv', 'text/csv')]);
		expect(column.error?.message).toBe('Invalid input for Primer Automate uploadDataset: Item 0: field "headerMatching.text" names the text column "body", but the file\'s columns are: id, text');
		const json = await runPrimer(credentials, binaryUpload(), [binaryItem('[{"text": "a"},', 'docs.json', 'application/json')]);
		expect(json.error?.message).toMatch(/^Invalid input for Primer Automate uploadDataset: Item 0: field "binary.data" is not valid JSON: /);
		expect(uploads()).toBe(0);
	});

	test('items: every bad item is named; with Continue On Fail the others are uploaded', async () => {
		const items = [{ text: 'good one' }, { text: '' }, { text: 'good two' }, { text: { nested: true } }];
		const failed = await runPrimer(credentials, itemsUpload(), items);
		expect(failed.error?.message).toBe(
			'Invalid input for Primer Automate uploadDataset: Item 1: field "text" is required and must be non-empty text, got ""; Item 3: field "text" is required and must be non-empty text, got an object',
		);
		expect(uploads()).toBe(0);
		const continued = await runPrimer(credentials, itemsUpload(), items, { onError: 'continueRegularOutput' });
		expect(continued.status).toBe('success');
		expect(continued.json.map((j) => (j.error ? 'error' : j.documents))).toEqual([2, 'error', 'error']);
		expect(continued.items.map((i) => i.pairedItem)).toEqual([[{ item: 0 }, { item: 2 }], { item: 1 }, { item: 3 }]);
		expect(uploads()).toBe(1);
	});

	test('a failed prediction job: status says FAILED with the reason; downloading says there are no predictions', async () => {
		const datasetId = (await runPrimer(credentials, itemsUpload(), [{ text: 'goal' }])).json[0].dataset_id as string;
		emu.primer.failNextJobs(1, 'model server out of memory');
		const requested = await runPrimer(credentials, { resource: 'prediction', operation: 'request', dataset: byId(datasetId), model: byId(NEWS_TOPICS_MODEL) });
		await new Promise((r) => setTimeout(r, 100));
		const status = await runPrimer(credentials, { resource: 'prediction', operation: 'getStatus', requestPredictionsId: '={{ $json.request_predictions_id }}' }, requested.json);
		expect(status.json[0]).toMatchObject({ status: 'FAILED', message: 'model server out of memory', done: true, succeeded: false });
		const download = await runPrimer(credentials, { resource: 'prediction', operation: 'download', dataset: byId(datasetId), model: byId(NEWS_TOPICS_MODEL), format: 'JSON', output: 'items', returnAll: true });
		expect(download.error?.message).toBe(`Primer Automate downloadPredictions failed with HTTP 404: No predictions of model ${NEWS_TOPICS_MODEL} for dataset ${datasetId}: request bulk predictions first`);
	});

	test('a wrong password fails at the login, and the password appears nowhere in the error', async () => {
		const result = await runPrimer(loginCredentials(emu, { ...PRIMER_USER, password: 'wrong-password-4f1b' }), { resource: 'dataset', operation: 'getAll', returnAll: true });
		expect(result.status).toBe('error');
		expect(emu.primer.auth.failedLogins).toBeGreaterThan(0);
		expect(result.error?.message).toBe('Primer Automate listDatasets failed with HTTP 401: Invalid username or password');
		expect(result.error?.httpCode).toBe('401');
		expect(JSON.stringify(result.run.data)).not.toContain('wrong-password-4f1b');
	});
});
