import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { badRequest, isObject, notFound, reply, typeName, type JsonObject, type RequestContext, type RouteRegistrar } from '../core';
import { outputCsv, outputCsvPath, outputRows, statistics, type BatchLifecycle } from './batches';
import { unauthorizedRecipe, unprocessable, type ApresStore, type BatchRecord, type Location, type RecipeRecord } from './store';

/** Regions the emulator accepts for S3 locations (AWS's commercial and GovCloud regions). */
export const AWS_REGIONS = new Set([
	'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2',
	'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1',
	'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
	'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
]);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The API key of the recipe named by the Authorization header (the raw key, no scheme), or 401. */
export function authenticate(store: ApresStore, req: IncomingMessage): string {
	const header = req.headers.authorization;
	const key = typeof header === 'string' ? header.trim() : '';
	if (!key || !store.recipeByKey(key)) throw unauthorizedRecipe();
	return key;
}

/** The base URL clients reached the emulator at, for the URLs it hands out. */
export function originOf(req: IncomingMessage): string {
	return `http://${req.headers.host ?? '127.0.0.1'}`;
}

function decodeBase64(value: unknown, field: string): Buffer {
	if (typeof value !== 'string' || value === '') throw unprocessable(`${field} is required (Base64 encoded contents)`);
	const compact = value.replace(/[\r\n]/g, '');
	if (!BASE64.test(compact)) throw unprocessable(`${field} is not valid Base64`);
	return Buffer.from(compact, 'base64');
}

function rejectUnknown(body: JsonObject, allowed: string[], where: string): void {
	const extra = Object.keys(body).filter((k) => !allowed.includes(k));
	if (extra.length) throw badRequest(`unknown parameter(s) in ${where}: ${extra.join(', ')}`);
}

/** A small RFC 4180 reader: enough to check an uploaded processed batch. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			field = '';
			if (row.some((f) => f !== '')) rows.push(row);
			row = [];
		} else field += c;
	}
	if (quoted) throw unprocessable('file is not a valid CSV: a quoted field is not closed');
	row.push(field);
	if (row.some((f) => f !== '')) rows.push(row);
	return rows;
}

function parseLocation(value: unknown): Location {
	if (!isObject(value)) throw unprocessable(`location must be a hash, got ${typeName(value)}`);
	const text = (key: string, required: boolean) => {
		const v = value[key];
		if (v === undefined || v === '') {
			if (required) throw unprocessable(`location["${key}"] is required for type ${String(value.type)}`);
			return undefined;
		}
		if (typeof v !== 'string') throw unprocessable(`location["${key}"] must be a string`);
		return v;
	};
	if (value.type === 's3') {
		rejectUnknown(value, ['type', 'bucket_name', 'region', 'prefix'], 'location');
		const region = text('region', true)!;
		if (!AWS_REGIONS.has(region)) throw unprocessable(`location["region"] is not a valid AWS region: ${region}`);
		return { type: 's3', bucket_name: text('bucket_name', true)!, region, prefix: text('prefix', false) };
	}
	if (value.type === 'azure-blob') {
		rejectUnknown(value, ['type', 'blob_endpoint', 'container', 'sas_token'], 'location');
		const endpoint = text('blob_endpoint', true)!;
		if (!/^https:\/\/[^/\s]+/.test(endpoint)) throw unprocessable('location["blob_endpoint"] must be an https URL');
		const sas = text('sas_token', true)!;
		if (!/(^|[?&])sig=/.test(sas)) throw unprocessable('location["sas_token"] is not a shared access signature (no sig parameter)');
		return { type: 'azure-blob', blob_endpoint: endpoint, container: text('container', true)!, sas_token: sas };
	}
	throw unprocessable(`location["type"] must be one of "s3" or "azure-blob"`);
}

function describeBatch(batch: BatchRecord) {
	return structuredClone(batch.info);
}

export function registerApresRoutes(api: RouteRegistrar, store: ApresStore, lifecycle: BatchLifecycle): void {
	const recipeOf = (ctx: RequestContext): RecipeRecord => {
		const recipe = ctx.principal === undefined ? undefined : store.recipeByKey(ctx.principal);
		if (!recipe) throw unauthorizedRecipe();
		return recipe;
	};

	api.route('GET', '/api/v1/recipe', (ctx) => structuredClone(recipeOf(ctx).info));

	api.route('POST', '/api/v1/recipe/load_batch', async (ctx) => {
		const recipe = recipeOf(ctx);
		const body = await ctx.jsonBody();
		if (!isObject(body)) throw badRequest('the body must be a JSON object { file, data, golden_set }');
		rejectUnknown(body, ['file', 'data', 'golden_set'], 'the body');
		if (typeof body.file !== 'string' || body.file.trim() === '') throw unprocessable('file is required (the name of the file supplied)');
		if (body.golden_set !== undefined && typeof body.golden_set !== 'boolean') throw unprocessable('golden_set must be true or false');
		const rows = parseCsv(decodeBase64(body.data, 'data').toString('utf8'));
		const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
		if (!header.includes('input') || !header.includes('output')) throw unprocessable('data must be a Base64-encoded CSV with Input, Type and Output columns');
		if (rows.length === 0) throw unprocessable('the CSV holds no rows');
		const goldenSet = body.golden_set === true;
		if (goldenSet && recipe.hasGoldenSet) throw unprocessable('A Golden Set already exists for this Recipe');
		if (goldenSet) recipe.hasGoldenSet = true;
		recipe.loaded.push({ file: body.file, rows: rows.length, golden_set: goldenSet, columns: header, loaded_at: new Date().toISOString() });
		return { message: 'Your processed batch is being loaded' };
	});

	api.route('POST', '/api/v1/task_batches', async (ctx) => {
		const recipe = recipeOf(ctx);
		const body = await ctx.jsonBody();
		if (!isObject(body)) throw badRequest('the body must be a JSON object');
		rejectUnknown(body, ['files', 'location', 'delivery_timeframe', 'delivery_units', 'webhook_url'], 'the body');
		if (body.delivery_timeframe !== undefined && body.delivery_timeframe !== 1 && body.delivery_timeframe !== 7) throw unprocessable('delivery_timeframe must be 1 or 7');
		if (body.delivery_units !== undefined && body.delivery_units !== 'days') throw unprocessable('delivery_units must be "days"');
		let webhookUrl: string | undefined;
		if (body.webhook_url !== undefined) {
			let url: URL | undefined;
			try {
				url = typeof body.webhook_url === 'string' ? new URL(body.webhook_url) : undefined;
			} catch {
				url = undefined;
			}
			if (!url || !/^https?:$/.test(url.protocol)) throw unprocessable('webhook_url must be a fully qualified URL');
			webhookUrl = body.webhook_url as string;
		}
		const common = { webhookUrl, deliveryTimeframe: (body.delivery_timeframe as number | undefined) ?? 7, deliveryUnits: 'days' };
		if (body.files !== undefined && body.location !== undefined) throw unprocessable('send either files or a location, not both');
		if (body.files !== undefined) {
			if (!Array.isArray(body.files) || body.files.length === 0) throw unprocessable('files must be a non-empty array');
			const files = body.files.map((entry, i) => {
				if (!isObject(entry) || typeof entry.file !== 'string' || entry.file === '') throw unprocessable(`files[${i}]["file"] is required`);
				const bytes = decodeBase64(entry.data, `files[${i}]["data"]`);
				if (bytes.length === 0) throw unprocessable(`files[${i}]["data"] is empty`);
				return { file: entry.file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
			});
			return reply(201, describeBatch(lifecycle.create(recipe, { ...common, inputs: files.map((f) => f.file), files, source: 'files' })));
		}
		if (body.location !== undefined) {
			const location = parseLocation(body.location);
			return reply(201, describeBatch(lifecycle.create(recipe, { ...common, inputs: store.filesAt(location), source: location.type, location })));
		}
		throw unprocessable('a Task Batch needs files or a location');
	});

	api.route('GET', '/api/v1/task_batches', (ctx) => store.listBatches(recipeOf(ctx)).map(describeBatch));

	api.route('GET', '/api/v1/task_batches/:id', (ctx) => describeBatch(store.getBatch(recipeOf(ctx), ctx.params.id)));

	api.route('GET', '/api/v1/task_batches/:id/output', (ctx) => {
		const batch = store.getBatch(recipeOf(ctx), ctx.params.id);
		const origin = originOf(ctx.req);
		return { json: outputRows(origin, batch), csv: `${origin}${outputCsvPath(batch)}`, statistics: statistics(batch) };
	});

	api.route('GET', '/api/v1/task_batches/:id/tasks', (ctx) => store.getBatch(recipeOf(ctx), ctx.params.id, 'Task Batch not found').tasks.map((t) => structuredClone(t)));

	// The output CSV, hosted like Apres's S3 objects: public URL, no API key.
	api.route(
		'GET',
		'/data_out/:recipeId/task_batches/:id/output.csv',
		(ctx) => {
			const batch = store.batches.get(ctx.params.id);
			if (!batch || batch.recipeId !== ctx.params.recipeId) throw notFound('no such output file');
			const text = outputCsv(originOf(ctx.req), batch);
			ctx.res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': Buffer.byteLength(text) });
			ctx.res.end(text);
		},
		{ auth: false },
	);

}
