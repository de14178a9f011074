import type { IDataObject } from 'n8n-workflow';
import { DEEPOPINION_ROUTES, DOCUMENTED_OPERATIONS } from '../../clients/deepopinion';
import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../../emulators/deepopinion';
import { resources } from '../../nodes/DeepOpinion/actions/router';
import { DATA_FILES, EXTRACTION_FILES, xlsxOf } from '../clients/deepopinionFixtures';
import type { CredentialsByType, HarnessItem } from '../harness/n8n';
import { byId, byList, fileItem, loginCredentials, runDeepOpinion } from './deepopinionWorkflow';

let emulator: DeepOpinionEmulator;
let credentials: CredentialsByType;
/** `resource.operation` of every successful node run. */
const exercised = new Set<string>();

beforeAll(async () => {
	emulator = await startDeepOpinionEmulator({ timing: { analysisMinMs: 150, analysisMsPerDocument: 0, queuedAfterMs: 50, trainingAfterMs: 100, readyAfterMs: 200, processingMs: 20 } });
	credentials = loginCredentials(emulator.url);
});
afterAll(async () => emulator.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(parameters: IDataObject, items: Array<IDataObject | HarnessItem> = [{}]) {
	const result = await runDeepOpinion(credentials, parameters, items);
	if (result.status !== 'success') throw new Error(`${parameters.resource}.${parameters.operation} failed: ${result.error?.message} ${result.error?.description ?? ''}`);
	exercised.add(`${parameters.resource}.${parameters.operation}`);
	return result.json;
}

const ids: Record<string, number> = {};
const ids$ = ids as Record<string, any>;

describe('DeepOpinion node through n8n engine, against the emulator', () => {
	test('projects, classes and labels', async () => {
		const [absa] = await run({ resource: 'project', operation: 'create', name: 'Hotels', type: 'ABSA' });
		expect(absa).toMatchObject({ name: 'Hotels', type: 'ABSA', labels: ['POS', 'NEG', 'NEU'] });
		ids.absa = absa.id;
		const [tickets] = await run({ resource: 'project', operation: 'create', name: 'Tickets', type: 'CLASSLABEL' });
		ids.project = tickets.id;
		const p = byId(ids.project);
		expect((await run({ resource: 'project', operation: 'getAll', returnAll: true })).map((x) => x.name)).toEqual(['Hotels', 'Tickets']);
		expect(await run({ resource: 'project', operation: 'getAll', returnAll: false, limit: 1 })).toHaveLength(1);
		expect((await run({ resource: 'project', operation: 'get', project: byList(ids.absa) }))[0]).toMatchObject({ id: ids.absa, type: 'ABSA' });
		expect((await run({ resource: 'project', operation: 'update', project: byId(ids.absa), updateFields: { name: 'Hotels EU' } }))[0]).toMatchObject({ name: 'Hotels EU' });

		const [billing] = await run({ resource: 'class', operation: 'create', project: p, name: 'Billing', additionalFields: { example: 'invoice refund charged' } });
		ids.class = billing.id;
		const many = await run({ resource: 'class', operation: 'createMany', project: p, name: '={{ $json.name }}', example: '={{ $json.example }}' }, [
			{ name: 'Shipping', example: 'parcel delivery arrived' },
			{ name: 'Login', example: 'password account locked' },
		]);
		expect(many.map((c) => c.name)).toEqual(['Shipping', 'Login']);
		expect((await run({ resource: 'class', operation: 'get', project: p, classId: ids.class }))[0]).toMatchObject({ name: 'Billing', example: 'invoice refund charged' });
		expect((await run({ resource: 'class', operation: 'update', project: p, classId: ids.class, updateFields: { description: 'Money matters' } }))[0]).toMatchObject({ name: 'Billing', description: 'Money matters' });
		const csv = new TextEncoder().encode('name,example\nRefunds,money back please\nOutage,service down\n');
		expect((await run({ resource: 'class', operation: 'uploadFile', project: p, binaryPropertyName: 'data' }, [fileItem('classes.csv', csv, 'text/csv')])).map((c) => c.name)).toEqual(['Refunds', 'Outage']);
		expect(await run({ resource: 'class', operation: 'getAll', project: p, returnAll: false, limit: 2 })).toHaveLength(2);
		expect(await run({ resource: 'class', operation: 'getAll', project: p, returnAll: true })).toHaveLength(5);

		const [urgent] = await run({ resource: 'label', operation: 'create', project: p, name: 'urgent' });
		expect((await run({ resource: 'label', operation: 'update', project: p, labelId: urgent.id, name: 'high' }))[0]).toEqual({ id: urgent.id, name: 'high' });
		expect((await run({ resource: 'label', operation: 'updateByName', project: p, labelName: 'high', name: 'critical' }))[0]).toEqual({ id: urgent.id, name: 'critical' });
		await run({ resource: 'label', operation: 'create', project: p, name: 'low' });
	});

	test('documents and document groups (items, JSON, binary file, uploaded file, external source)', async () => {
		const p = byId(ids.project);
		const [doc] = await run({ resource: 'document', operation: 'create', project: p, text: 'My invoice was charged twice. Please refund.' });
		ids.document = doc.id;
		const upload = await run({ resource: 'document', operation: 'upload', project: p, documentsInput: 'items', text: '={{ $json.body }}', documentRef: '={{ $json.ref }}' }, [
			{ body: 'The parcel never arrived.', ref: 1 },
			{ body: 'I cannot log in, my account is locked!', ref: 2 },
		]);
		expect(upload).toEqual([expect.objectContaining({ status: 'ACCEPTED', document_count: 2, task_id: expect.any(Number) })]);
		expect(upload).toHaveLength(1);
		ids.task = upload[0].task_id;
		await run({ resource: 'document', operation: 'upload', project: p, documentsInput: 'json', documentsJson: JSON.stringify([{ text: 'Refund still missing.' }]) });
		const [got] = await run({ resource: 'document', operation: 'get', project: p, documentId: ids.document, segments: true });
		expect(got.segments.map((s: { text: string }) => s.text)).toEqual(['My invoice was charged twice.', 'Please refund.']);
		expect((await run({ resource: 'document', operation: 'update', project: p, documentId: ids.document, text: 'Charged twice. Refund please.' }))[0]).toEqual({ id: ids.document, text: 'Charged twice. Refund please.' });
		const all = await run({ resource: 'document', operation: 'getAll', project: p, details: ['segments'], filters: { search: 'refund' }, returnAll: true });
		expect(all.map((d) => d.text)).toEqual(['Charged twice. Refund please.', 'Refund still missing.']);

		const [preview] = await run({ resource: 'group', operation: 'uploadFile', project: p, binaryPropertyName: 'data', toList: true }, [fileItem('reviews.csv', DATA_FILES.csv().data, 'text/csv')]);
		expect(preview.preview[0]).toEqual(['id', 'review', 'source']);
		const [fromFileId] = await run({ resource: 'group', operation: 'create', project: p, name: 'From CSV', documentsInput: 'fileId', fileId: preview.id, column: 'review' });
		expect(fromFileId).toMatchObject({ name: 'From CSV', document_count: 3, source: 'UPLOAD' });
		ids.group = fromFileId.id;
		const [fromBinary] = await run({ resource: 'group', operation: 'create', project: p, name: 'From XLSX', documentsInput: 'file', binaryPropertyName: 'data', column: '1' }, [fileItem('r.xlsx', DATA_FILES.xlsx().data)]);
		expect(fromBinary).toMatchObject({ document_count: 2 });
		const [fromItems] = await run({ resource: 'group', operation: 'create', project: p, name: 'From items', documentsInput: 'items', text: '={{ $json.t }}' }, [{ t: 'one' }, { t: 'two' }, { t: 'three' }]);
		expect(fromItems).toMatchObject({ document_count: 3, source: 'API' });
		const [fromJson] = await run({ resource: 'group', operation: 'create', project: p, documentsInput: 'json', documentsJson: '[{"text":"json doc"}]' });
		expect(fromJson.document_count).toBe(1);
		const [external] = await run({ resource: 'group', operation: 'create', project: p, name: 'Zendesk', documentsInput: 'external', credentialId: 1, source: 'zendesk', parameters: '{"limit": 4}' });
		expect(external).toMatchObject({ document_count: 4, source: 'EXTERNAL' });
		const [pulled] = await run({ resource: 'group', operation: 'pullFromSource', project: p, credentialId: 1, source: 'zendesk', parameters: '{"limit": 2}' });
		expect(pulled.preview).toHaveLength(3);
		expect((await run({ resource: 'group', operation: 'get', project: p, groupId: ids.group }))[0]).toMatchObject({ name: 'From CSV', status: expect.any(String) });
		expect((await run({ resource: 'group', operation: 'update', project: p, groupId: ids.group, updateFields: { name: 'CSV reviews', document_ids: String(ids.document) } }))[0]).toMatchObject({ name: 'CSV reviews', document_count: 4 });
		expect(await run({ resource: 'group', operation: 'getAll', project: p, returnAll: true })).toHaveLength(5);
		const groupDocs = await run({ resource: 'group', operation: 'getDocuments', project: p, groupId: ids.group, details: ['segments'], returnAll: false, limit: 2 });
		expect(groupDocs).toHaveLength(2);
		expect((await run({ resource: 'group', operation: 'getDocument', project: p, groupId: ids.group, documentId: ids.document, details: ['segments'] }))[0]).toMatchObject({ id: ids.document });
		ids.groupDoc = groupDocs[0].id;
	});

	test('labeling sessions, training, models and correction sessions', async () => {
		const p = byId(ids.project);
		const labelled = [
			{ text: 'Invoice wrong', segments: [{ text: 'Invoice wrong', tags: [{ class: 'Billing', label: 'critical' }] }] },
			{ text: 'Parcel lost', segments: [{ text: 'Parcel lost', tags: [{ class: 'Shipping', label: 'low' }] }] },
		];
		const [session] = await run({ resource: 'labelingSession', operation: 'create', project: p, name: 'Round 1', additionalFields: { documents: JSON.stringify(labelled), classes: 'Billing, Shipping' } });
		expect(session).toMatchObject({ name: 'Round 1', mode: 'ANNOTATION', document_count: 2, classes: ['Billing', 'Shipping'] });
		ids.session = session.id;
		const s = { project: p, labelingSessionId: ids.session };
		expect((await run({ resource: 'labelingSession', operation: 'get', ...s }))[0]).toMatchObject({ id: ids.session });
		expect((await run({ resource: 'labelingSession', operation: 'update', ...s, updateFields: { name: 'Round 1b', document_ids: String(ids.document) } }))[0]).toMatchObject({ name: 'Round 1b', document_count: 3 });
		const docs = await run({ resource: 'labelingSession', operation: 'getDocuments', ...s, details: ['segments', 'tags'], returnAll: true });
		expect(docs[0].segments[0].tags).toEqual([{ id: expect.any(Number), class: 'Billing', label: 'critical' }]);
		const first = docs[0];
		expect((await run({ resource: 'labelingSession', operation: 'getDocument', ...s, documentId: first.id, details: ['tags'] }))[0]).toMatchObject({ text: 'Invoice wrong' });
		expect((await run({ resource: 'labelingSession', operation: 'markSegmentAnnotated', ...s, documentId: first.id, segmentId: first.segments[0].id }))[0]).toMatchObject({ name: 'ANNOTATED', segment_id: first.segments[0].id, annotation_id: ids.session });
		expect((await run({ resource: 'labelingSession', operation: 'markPageAnnotated', ...s, documentId: first.id, page: 0 }))[0]).toMatchObject({ name: 'ANNOTATED', page: 0 });
		expect((await run({ resource: 'labelingSession', operation: 'markDocumentAnnotated', ...s, documentId: docs[1].id }))[0]).toMatchObject({ name: 'ANNOTATED', document_id: docs[1].id });
		const labeledCsv = new TextEncoder().encode('text,class,label\nBilled twice,Billing,critical\nLate parcel,Shipping,low\n');
		const [fromFile] = await run({ resource: 'labelingSession', operation: 'uploadFile', project: p, binaryPropertyName: 'data', showPreview: false }, [fileItem('labeled.csv', labeledCsv, 'text/csv')]);
		expect(fromFile).toMatchObject({ mode: 'ANNOTATION', document_count: 2 });
		const [previewed] = await run({ resource: 'labelingSession', operation: 'uploadFile', project: p, binaryPropertyName: 'data', showPreview: true }, [fileItem('labeled.csv', labeledCsv, 'text/csv')]);
		const [mapped] = await run({ resource: 'labelingSession', operation: 'create', project: p, name: 'mapped', additionalFields: { file_id: previewed.id, column_mapping: '{"text": "text", "label": "label"}' } });
		expect(mapped.document_count).toBe(2);
		const [external] = await run({ resource: 'labelingSession', operation: 'pullFromSource', project: p, credentialId: 1, source: 'salesforce', parameters: '{"limit": 3}' });
		expect(external.document_count).toBe(3);
		expect((await run({ resource: 'labelingSession', operation: 'getAll', project: p, status: '', mode: [], returnAll: true })).length).toBe(4);

		const [model] = await run({ resource: 'model', operation: 'train', project: p, displayName: 'Tickets v1', annotationIds: `${ids.session}, ${fromFile.id}`, additionalFields: { language: 'en' } });
		expect(model).toMatchObject({ display_name: 'Tickets v1', status: 'CREATED', project_id: ids.project });
		ids.model = model.id;
		let trained: Record<string, any> = {};
		for (let i = 0; i < 40 && trained.status !== 'READY'; i++) {
			await sleep(20);
			[trained] = await run({ resource: 'model', operation: 'getOfProject', project: p, model: byId(ids.model) });
		}
		expect(trained).toMatchObject({ status: 'READY', progress: 100, metrics: { f1: expect.any(Number) } });
		expect((await run({ resource: 'model', operation: 'getAllOfProject', project: p, returnAll: true })).map((m) => m.id)).toEqual([ids.model]);
		expect((await run({ resource: 'model', operation: 'updateOfProject', project: p, model: byId(ids.model), updateFields: { short_description: 'Ticket triage' } }))[0]).toMatchObject({ short_description: 'Ticket triage' });
		expect((await run({ resource: 'model', operation: 'get', model: byList(ids.model) }))[0]).toMatchObject({ id: ids.model, classes: expect.arrayContaining(['Billing']) });
		expect((await run({ resource: 'model', operation: 'update', model: byId(ids.model), updateFields: { long_description: 'Routes tickets', status: 'ACTIVE' } }))[0]).toMatchObject({ status: 'ACTIVE' });
		expect((await run({ resource: 'model', operation: 'getAll', filters: { search: 'tickets' }, returnAll: true })).map((m) => m.id)).toEqual([ids.model]);
		expect((await run({ resource: 'model', operation: 'getAll', filters: { public: true }, returnAll: false, limit: 5 })).map((m) => m.display_name)).toEqual(['Hotels Pre-Trained']);
		expect((await run({ resource: 'model', operation: 'getAllOfWorkspace', organization: 'deepopinion', filters: {}, returnAll: true })).map((m) => m.id)).toEqual([1]);
		const [uploaded] = await run({ resource: 'model', operation: 'upload', binaryPropertyName: 'data', displayName: 'Imported', additionalFields: { language: 'de', short_description: 'from disk' } }, [fileItem('model.bin', new Uint8Array([1, 2, 3, 4]))]);
		expect(uploaded).toMatchObject({ display_name: 'Imported', language: 'de', status: 'READY' });

		const [correction] = await run({ resource: 'correction', operation: 'create', project: p, model: byId(ids.model), additionalFields: { name: 'Check v1', sample_size: 3 } });
		expect(correction).toMatchObject({ mode: 'CORRECTION', document_count: 3, model: { id: ids.model, display_name: 'Tickets v1' } });
		const c = { project: p, correctionId: correction.id };
		expect((await run({ resource: 'correction', operation: 'get', ...c }))[0]).toMatchObject({ name: 'Check v1' });
		expect((await run({ resource: 'correction', operation: 'getAll', project: p, status: '', returnAll: true })).map((x) => x.id)).toEqual([correction.id]);
		const cdocs = await run({ resource: 'correction', operation: 'getDocuments', ...c, details: ['segments', 'tags'], returnAll: true });
		expect(cdocs).toHaveLength(3);
		expect(cdocs[0].segments[0].tags.length).toBeGreaterThan(0);
		const [marked] = await run({ resource: 'correction', operation: 'markSegmentCorrected', ...c, documentId: cdocs[0].id, segmentId: cdocs[0].segments[0].id });
		expect(marked).toMatchObject({ segment: { name: 'ANNOTATED' }, progress: expect.any(Number) });
	});

	test('analyses: uploads, batch creation in every input mode, ad-hoc, documents', async () => {
		const rows = [['id', 'review'], [1, 'The staff was friendly.'], [2, 'The room was dirty. Breakfast was great!']];
		const [uploaded] = await run({ resource: 'analysis', operation: 'uploadFile', binaryPropertyName: 'data' }, [fileItem('r.xlsx', xlsxOf(rows))]);
		expect(uploaded.preview).toEqual(rows.map((r) => r.map(String)).map((r, i) => (i === 0 ? r : [Number(r[0]), r[1]])));
		const pretrained = byId(1);
		const [fromFileId] = await run({ resource: 'analysis', operation: 'create', model: pretrained, name: 'From file ID', documentsInput: 'fileId', fileId: uploaded.id, column: 'review' });
		expect(fromFileId).toMatchObject({ name: 'From file ID', document_count: 2, model_id: 1 });
		ids.analysis = fromFileId.id;
		const [fromBinary] = await run({ resource: 'analysis', operation: 'create', model: pretrained, documentsInput: 'file', binaryPropertyName: 'data', column: 'review', options: { split: false } }, [fileItem('r.jsonl', DATA_FILES.jsonl().data)]);
		expect(fromBinary.document_count).toBe(2);
		const fromItems = await run({ resource: 'analysis', operation: 'create', model: byId(ids.model), name: 'From items', documentsInput: 'items', text: '={{ $json.t }}', documentRef: '={{ $json.id }}' }, [
			{ t: 'Invoice charged twice', id: 'A-1' },
			{ t: 'Parcel late', id: 'A-2' },
		]);
		expect(fromItems).toEqual([expect.objectContaining({ document_count: 2, model_id: ids.model })]);
		await run({ resource: 'analysis', operation: 'create', model: pretrained, documentsInput: 'json', documentsJson: '[{"text":"Nice beach"}]' });

		const adhoc = await run({ resource: 'analysis', operation: 'analyze', model: pretrained, documentsInput: 'items', text: '={{ $json.t }}', split: true }, [{ t: 'The staff was rude. The bed was comfortable.' }, { t: 'Great breakfast!' }]);
		expect(adhoc).toHaveLength(2);
		expect(adhoc[0]).toMatchObject({ model: 'Hotels Pre-Trained', type: 'ABSA', segments: [{ text: 'The staff was rude.', tags: [{ class: 'Staff', label: 'NEG' }] }, { text: 'The bed was comfortable.', tags: [{ class: 'Comfort', label: 'POS' }] }] });
		const adhocJson = await run({ resource: 'analysis', operation: 'analyze', model: pretrained, documentsInput: 'json', documentsJson: '[{"text":"Dirty towels"},{"text":"Near the station"}]', split: false });
		expect(adhocJson.map((d) => d.segments[0].tags[0].class)).toEqual(['Cleanliness', 'Location']);

		let analysis: Record<string, any> = {};
		for (let i = 0; i < 40 && analysis.status !== 'FINISHED'; i++) {
			[analysis] = await run({ resource: 'analysis', operation: 'get', analysisId: ids.analysis });
			if (analysis.status !== 'FINISHED') await sleep(20);
		}
		expect(analysis).toMatchObject({ status: 'FINISHED', progress: 100 });
		expect((await run({ resource: 'analysis', operation: 'update', analysisId: ids.analysis, name: 'Renamed' }))[0]).toMatchObject({ name: 'Renamed' });
		expect((await run({ resource: 'analysis', operation: 'getAll', modelFilter: 1, returnAll: true })).length).toBe(3);
		expect(await run({ resource: 'analysis', operation: 'getAll', modelFilter: 0, returnAll: false, limit: 2 })).toHaveLength(2);
		const docs = await run({ resource: 'analysis', operation: 'getDocuments', analysisId: ids.analysis, details: ['segments', 'tags'], filters: {}, returnAll: true });
		expect(docs.map((d) => d.segments.length)).toEqual([1, 2]);
		const staffOnly = await run({ resource: 'analysis', operation: 'getDocuments', analysisId: ids.analysis, details: ['tags'], filters: { classes: String(analysis.classes.find((x: { name: string }) => x.name === 'Staff').id) }, returnAll: true });
		expect(staffOnly.map((d) => d.text)).toEqual(['The staff was friendly.']);

		expect((await run({ resource: 'project', operation: 'getAnalyses', project: byId(ids.project), returnAll: true })).map((a) => a.name)).toEqual(['From items']);
		expect((await run({ resource: 'model', operation: 'getAnalyses', model: byId(1), returnAll: true })).length).toBe(3);
	});

	test('project clone, transfer and tasks', async () => {
		const [ws] = await run({ resource: 'workspace', operation: 'create', name: 'EU team', workspaceDescription: 'Europe' });
		ids.workspace = ws.id;
		const [clone] = await run({ resource: 'project', operation: 'clone', project: byId(ids.project), workspaceId: 0 });
		expect(clone).toMatchObject({ name: 'Tickets (copy)', type: 'CLASSLABEL', classes: expect.arrayContaining(['Billing']) });
		const [moved] = await run({ resource: 'project', operation: 'transfer', project: byId(clone.id), workspaceId: ids.workspace });
		expect(moved).toMatchObject({ organization_id: ids.workspace, task_id: expect.any(Number) });
		expect((await run({ resource: 'project', operation: 'get', project: byId(clone.id) }))[0].organization_id).toBe(ids.workspace);
		expect((await run({ resource: 'project', operation: 'getTask', project: byId(ids.project), taskId: ids.task }))[0]).toMatchObject({ id: ids.task, type: 'UPLOAD_DOCUMENTS', status: 'FINISHED', document_count: 2 });
	});

	test('document extraction and HITL', async () => {
		const p = byId(ids.project);
		const [hitl] = await run({ resource: 'hitl', operation: 'create', project: p, name: 'Invoices', additionalFields: { model_id: 1, is_live: true, description: 'Low confidence fields' } });
		expect(hitl).toMatchObject({ name: 'Invoices', model_id: 1, is_live: true, webhook_url: null });
		ids.hitl = hitl.id;
		const h = { project: p, hitl: byList(ids.hitl) };
		const [extracted] = await run({ resource: 'extraction', operation: 'extract', workspaceId: 1, project: p, model: byId(1), binaryPropertyName: 'data', options: { returnBboxes: true, returnAnnotatedPages: true } }, [fileItem('scan.png', EXTRACTION_FILES.png().data, 'image/png')]);
		const doc = extracted.documents[0];
		expect(doc).toMatchObject({ name: 'scan.png', matches: expect.any(Array), bboxes: expect.any(Array), annotated_pages: [expect.any(String)], hitl: { status: 'pending', hitl_id: ids.hitl } });
		expect((await run({ resource: 'hitl', operation: 'get', ...h }))[0]).toMatchObject({ id: ids.hitl });
		expect((await run({ resource: 'hitl', operation: 'getAll', project: p, returnAll: true })).map((x) => x.id)).toEqual([ids.hitl]);
		expect((await run({ resource: 'hitl', operation: 'update', ...h, updateFields: { webhook_url: 'https://example.com/hook', name: 'Invoices EU' } }))[0]).toMatchObject({ name: 'Invoices EU', webhook_url: 'https://example.com/hook' });
		expect((await run({ resource: 'hitl', operation: 'assign', ...h, assignedUserId: 1 }))[0]).toMatchObject({ assigned_user_id: 1 });
		const reviews = await run({ resource: 'hitl', operation: 'getReviews', ...h, withFullData: true });
		expect(reviews.length).toBe(doc.hitl.review_ids.length);
		expect(reviews[0]).toMatchObject({ status: 'PENDING', user_id: 1, data: { value: expect.any(String) } });
	});

	test('notifications and users', async () => {
		const notes = await run({ resource: 'notification', operation: 'getAll', userId: 0, returnAll: true });
		expect(notes.map((n) => n.title)).toEqual(expect.arrayContaining(['Model is ready', 'Analysis is ready']));
		const [note] = await run({ resource: 'notification', operation: 'get', userId: 1, notificationId: notes[0].id });
		expect(note.read).toBeNull();
		expect((await run({ resource: 'notification', operation: 'update', userId: 0, notificationId: note.id, updateFields: { read: '2024-05-01T10:00:00Z' } }))[0].read).toBe('2024-05-01T10:00:00Z');
		expect((await run({ resource: 'notification', operation: 'update', userId: 0, notificationId: note.id, updateFields: { unread: true } }))[0].read).toBeNull();

		expect((await run({ resource: 'user', operation: 'get', userId: 0 }))[0]).toMatchObject({ id: 1, email: 'dev@deepopinion.test' });
		expect((await run({ resource: 'user', operation: 'update', userId: 1, updateFields: { first_name: 'Devin' } }))[0]).toMatchObject({ first_name: 'Devin' });
		expect((await run({ resource: 'user', operation: 'getPermissions', userId: 0 }))[0]).toMatchObject({ is_superuser: false });
		expect((await run({ resource: 'user', operation: 'updatePermissions', userId: 0, updateFields: { is_betauser: true } }))[0]).toMatchObject({ is_betauser: true });
		const keys = await run({ resource: 'user', operation: 'getProductKeys', userId: 0, returnTokens: false });
		expect(keys).toEqual([expect.objectContaining({ name: 'Default key', token: expect.stringMatching(/^….{4}$/) })]);
		expect(await run({ resource: 'user', operation: 'deleteProductKey', userId: 0, keyId: keys[0].id, returnTokens: false })).toEqual([]);

		const [registered] = await run({ resource: 'user', operation: 'register', email: 'ann@example.com', password: 'ann-password', firstName: 'Ann', returnToken: false });
		expect(registered).toEqual({ message: 'Successfully registered.', status: 'CREATED', auth_token_returned: false, has_token: true });
		const [login] = await run({ resource: 'user', operation: 'login', email: 'ann@example.com', password: 'ann-password', returnToken: true });
		expect(login.auth_token.split('.')).toHaveLength(3);
		await run({ resource: 'user', operation: 'requestPasswordReset', email: 'ann@example.com' });
		const token = emulator.deepopinion.passwordResetTokens()[0].token;
		expect((await run({ resource: 'user', operation: 'resetPassword', resetToken: token, password: 'new-password' }))[0]).toMatchObject({ status: 'OK' });
		await run({ resource: 'user', operation: 'login', email: 'ann@example.com', password: 'new-password', returnToken: false });
		ids.ann = emulator.deepopinion.store.findUserByEmail('ann@example.com')!.id;
	});

	test('workspaces, invitations and roles', async () => {
		const w = { workspaceId: ids.workspace };
		expect((await run({ resource: 'workspace', operation: 'get', ...w }))[0]).toMatchObject({ name: 'EU team', description: 'Europe' });
		expect((await run({ resource: 'workspace', operation: 'update', ...w, name: 'EU', workspaceDescription: 'All of Europe' }))[0]).toMatchObject({ name: 'EU' });
		expect((await run({ resource: 'workspace', operation: 'setDefault', ...w, isDefault: true }))[0]).toMatchObject({ id: ids.workspace, default: true });
		const [invited] = await run({ resource: 'workspace', operation: 'inviteUsers', ...w, emails: 'bob@example.com, carla@example.com', role: 'ANNOTATOR' });
		expect(invited.invitations.map((x: { email: string }) => x.email)).toEqual(['bob@example.com', 'carla@example.com']);
		expect((await run({ resource: 'workspace', operation: 'getInvitations', ...w, returnAll: true })).map((x) => x.role)).toEqual(['ANNOTATOR', 'ANNOTATOR']);
		const token = emulator.deepopinion.invitationTokens().find((x) => x.email === 'bob@example.com')!.token;
		expect((await run({ resource: 'workspace', operation: 'acceptInvitation', token, password: 'bob-password', additionalFields: { first_name: 'Bob' } }))[0]).toMatchObject({ status: 'OK', role: 'ANNOTATOR' });
		const [member] = await run({ resource: 'workspace', operation: 'addUser', ...w, memberId: ids.ann, role: 'USER' });
		expect(member).toMatchObject({ role: 'USER', user: 'Ann' });
		expect((await run({ resource: 'workspace', operation: 'updateRole', ...w, permissionId: member.id, role: 'MANAGER' }))[0]).toMatchObject({ id: member.id, role: 'MANAGER' });
		expect((await run({ resource: 'workspace', operation: 'deactivate', ...w }))[0]).toMatchObject({ id: ids.workspace, is_read_only: true });
	});

	test('every documented operation was reached through the node and answered 2xx by the emulator', () => {
		const nodeOps = DOCUMENTED_OPERATIONS.map((op) => DEEPOPINION_ROUTES[op].node);
		expect(nodeOps).toHaveLength(93);
		// The node exposes exactly the documented operations, each through its own resource/operation.
		const exposed = Object.entries(resources).flatMap(([resource, ops]) => Object.keys(ops).map((op) => `${resource}.${op}`));
		expect(exposed.sort()).toEqual([...nodeOps].sort());
		expect([...exercised].sort()).toEqual([...nodeOps].sort());
		const stats = emulator.stats().byRoute;
		const missing = DOCUMENTED_OPERATIONS.filter((op) => {
			const route = DEEPOPINION_ROUTES[op];
			const key = `${route.method} ${route.path.replace(/\{(\w+)\}/g, ':$1')}`;
			return !Object.keys(stats[key]?.byStatus ?? {}).some((s) => s.startsWith('2'));
		});
		expect(missing).toEqual([]);
	});
});

void ids$;
