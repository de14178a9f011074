import { reply } from '../../core';
import { Errors, isObject, REQUIRED, fieldErrors, DrfError, forbidden } from '../drf';
import type { CompassRouter } from '../http';
import type { DocumentRecord, ProjectRecord } from '../model';
import type { LuminosoStore } from '../store';
import { documentView, projectView } from '../views';

const STATUSES = ['active', 'inactive'];

function optionalText(errors: Errors, input: Record<string, unknown>, key: string, opts: { required?: boolean; blank?: boolean; max?: number } = {}): string | undefined {
	const value = input[key];
	if (value === undefined || value === null) {
		if (opts.required) errors.add(key, REQUIRED);
		return undefined;
	}
	if (typeof value !== 'string') errors.add(key, 'Not a valid string.');
	else if (!opts.blank && value.trim() === '') errors.add(key, 'This field may not be blank.');
	else if (value.length > (opts.max ?? 200)) errors.add(key, `Ensure this field has no more than ${opts.max ?? 200} characters.`);
	else return value;
	return undefined;
}

function status(errors: Errors, input: Record<string, unknown>): 'active' | 'inactive' | undefined {
	const value = input.status;
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || !STATUSES.includes(value)) {
		errors.add('status', `"${String(value)}" is not a valid choice.`);
		return undefined;
	}
	return value as 'active' | 'inactive';
}

/** Projects and their documents. */
export function registerProjectRoutes(api: CompassRouter, store: LuminosoStore): void {
	api.route('GET', '/projects/', ({ user, ctx, base, page }) => {
		const account = ctx.query.get('account');
		const wanted = ctx.query.get('status');
		if (wanted && !STATUSES.includes(wanted)) throw fieldErrors({ status: [`Select a valid choice. ${wanted} is not one of the available choices.`] });
		const projects = [...store.projects.values()].filter((p) => store.levelOn(user, p.account) && (!account || p.account === account) && (!wanted || p.status === wanted));
		return page(projects.map((p) => projectView(base, p)));
	});

	api.route('POST', '/projects/', async ({ user, body, base }) => {
		const raw = await body();
		const input = isObject(raw) ? raw : {};
		const errors = new Errors();
		const name = optionalText(errors, input, 'name', { required: true });
		const account = optionalText(errors, input, 'account', { required: true });
		const language = optionalText(errors, input, 'language', { required: true, max: 16 });
		const description = optionalText(errors, input, 'description', { blank: true, max: 10_000 }) ?? '';
		const wanted = status(errors, input) ?? 'active';
		if (account !== undefined && !store.accounts.has(account)) errors.add('account', `Invalid pk '${account}' - object does not exist.`);
		errors.throwIfAny();
		if (!store.has(user, account!, 'write')) throw forbidden();
		const project = store.createProject({ name: name!, account: account!, language: language!, description, status: wanted }, user.email);
		return reply(201, projectView(base, project));
	});

	api.route('GET', '/projects/:projectId/', ({ user, ctx, base }) => projectView(base, store.projectFor(user, ctx.params.projectId, 'read')));

	api.route('PUT', '/projects/:projectId/', async ({ user, ctx, body, base }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const raw = await body();
		const input = isObject(raw) ? raw : {};
		const errors = new Errors();
		const name = optionalText(errors, input, 'name');
		const description = optionalText(errors, input, 'description', { blank: true, max: 10_000 });
		const wanted = status(errors, input);
		errors.throwIfAny();
		if (name !== undefined) project.name = name;
		if (description !== undefined) project.description = description;
		if (wanted !== undefined) project.status = wanted;
		return projectView(base, project);
	});

	api.route('DELETE', '/projects/:projectId/', ({ user, ctx }) => {
		store.projects.delete(store.projectFor(user, ctx.params.projectId, 'write').id);
		return reply(204);
	});

	// --- documents -----------------------------------------------------------------------------
	api.route('GET', '/projects/:projectId/p/documents/', ({ user, ctx, base, page }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const label = ctx.query.get('label');
		const dataset = ctx.query.get('dataset');
		const docs = project.documents.filter((d) => (!label || d.label === label) && (!dataset || d.dataset === dataset));
		return page(docs.map((d) => documentView(base, project, d)));
	});

	// One object or a list of them; `label` and `dataset` may also come as query parameters (for all).
	api.route('POST', '/projects/:projectId/p/documents/', async ({ user, ctx, body, base }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const raw = await body();
		const list = Array.isArray(raw);
		const inputs = list ? raw : [raw];
		const defaults = { label: ctx.query.get('label') ?? undefined, dataset: ctx.query.get('dataset') ?? undefined };
		const parsed = inputs.map((item) => parseDocument(project, item, defaults));
		if (parsed.some((p) => p.errors)) {
			throw new DrfError(400, list ? parsed.map((p) => p.errors ?? {}) : parsed[0].errors);
		}
		const created = parsed.map(({ doc }) => {
			const record: DocumentRecord = { id: store.id(), ...doc! };
			project.documents.push(record);
			return documentView(base, project, record);
		});
		return reply(201, list ? created : created[0]);
	});
}

function parseDocument(project: ProjectRecord, item: unknown, defaults: { label?: string; dataset?: string }): { doc?: Omit<DocumentRecord, 'id'>; errors?: Record<string, unknown> } {
	if (!isObject(item)) return { errors: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${Array.isArray(item) ? 'list' : typeof item}.`] } };
	const errors = new Errors();
	const text = optionalText(errors, item, 'text', { required: true, max: 1_000_000 });
	const label = optionalText(errors, item, 'label', { blank: true }) ?? defaults.label;
	const dataset = optionalText(errors, item, 'dataset', { blank: true }) ?? defaults.dataset;
	const language = optionalText(errors, item, 'language', { max: 16 }) ?? project.language;
	if (!errors.empty) return { errors: errors.fields };
	return { doc: { text: text!, label: label || null, dataset: dataset || null, language } };
}
