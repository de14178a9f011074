import { badRequest, conflict, HttpError, notFound, reply, type RequestContext, type RouteRegistrar } from '../core';
import type { DeepOpinionStore, HitlRec, ReviewRec } from './store';
import { hashRange } from './text';
import { body, boolField, hitlJson, intField, multipart, pathId, queryBool, rejectUnknown, reviewJson, stringField } from './views';
import { projectOf } from './routes/projects';

/**
 * Human in the loop: extraction creates a review per low-confidence field; when the last review
 * of a document completes (a reviewer in Studio; here the admin API or `autoReviewMs`), the HITL's
 * `webhook_url` receives one POST for that document.
 */

export interface WebhookDelivery {
	id: string;
	url: string;
	body: Record<string, unknown>;
	attempts: number;
	/** HTTP status of the last attempt, or the network error. */
	status?: number;
	error?: string;
	dropped: boolean;
	at: string;
}

export interface HitlOptions {
	/** Complete every new review automatically after this many ms (off by default). */
	autoReviewMs?: number;
	/** Attempts per webhook delivery (default 3): network errors, 429 and 5xx are retried. */
	webhookAttempts?: number;
}

const MAX_NAME = 120;
const MAX_DESCRIPTION = 255;
const MAX_URL = 255;

/** Smallest valid PNG (1x1): the "annotated page" image. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const EXTRACTION_FORMATS: Record<string, { test: (d: Buffer) => boolean; what: string }> = {
	pdf: { test: (d) => d.subarray(0, 5).toString('latin1') === '%PDF-', what: 'PDF' },
	png: { test: (d) => d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), what: 'PNG' },
	jpeg: { test: (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff, what: 'JPEG' },
	jpg: { test: (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff, what: 'JPEG' },
	tiff: { test: (d) => ['49492a00', '4d4d002a'].includes(d.subarray(0, 4).toString('hex')), what: 'TIFF' },
	tif: { test: (d) => ['49492a00', '4d4d002a'].includes(d.subarray(0, 4).toString('hex')), what: 'TIFF' },
	webp: { test: (d) => d.subarray(0, 4).toString('latin1') === 'RIFF' && d.subarray(8, 12).toString('latin1') === 'WEBP', what: 'WebP' },
};

/** Text of a PDF's string operands (`(...) Tj`), or nothing for images. */
function extractText(ext: string, data: Buffer): string {
	if (ext !== 'pdf') return '';
	const raw = data.toString('latin1');
	const strings = [...raw.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)].map((m) => m[1].replace(/\\([()\\])/g, '$1'));
	return strings.join('\n');
}

function pageCount(ext: string, data: Buffer): number {
	if (ext !== 'pdf') return 1;
	return Math.max(1, (data.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length);
}

export class HitlEngine {
	readonly deliveries: WebhookDelivery[] = [];
	dropWebhooks = false;
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(
		private readonly store: DeepOpinionStore,
		private readonly options: HitlOptions = {},
	) {}

	clear(): void {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.deliveries.length = 0;
		this.dropWebhooks = false;
	}

	private later(ms: number, fn: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			fn();
		}, ms);
		timer.unref();
		this.timers.add(timer);
	}

	/**
	 * Completes pending reviews (all of a HITL, of a document, or the given ids), with optional
	 * reviewed values per label. Sends a webhook per document whose reviews are now all complete.
	 */
	complete(filter: { hitl_id?: number; document_id?: number; review_ids?: number[]; values?: Record<string, string>; user_id?: number }): ReviewRec[] {
		const done: ReviewRec[] = [];
		for (const review of this.store.reviews.values()) {
			if (review.status === 'COMPLETED') continue;
			if (filter.hitl_id !== undefined && review.hitl_id !== filter.hitl_id) continue;
			if (filter.document_id !== undefined && review.document_id !== filter.document_id) continue;
			if (filter.review_ids !== undefined && !filter.review_ids.includes(review.review_id)) continue;
			review.status = 'COMPLETED';
			review.updated = this.store.nowIso();
			review.user_id = filter.user_id ?? 1;
			review.reviewed_value = filter.values?.[review.label] ?? review.value;
			done.push(review);
		}
		const documents = new Set(done.map((r) => `${r.hitl_id}:${r.document_id}`));
		for (const key of documents) {
			const [hitlId, documentId] = key.split(':').map(Number);
			const reviews = [...this.store.reviews.values()].filter((r) => r.hitl_id === hitlId && r.document_id === documentId);
			if (reviews.every((r) => r.status === 'COMPLETED')) this.documentReviewed(hitlId, documentId, reviews);
		}
		return done;
	}

	private documentReviewed(hitlId: number, documentId: number, reviews: ReviewRec[]): void {
		const hitl = this.store.hitls.get(hitlId);
		if (!hitl?.webhook_url) return;
		const payload = {
			event: 'hitl.review.completed',
			delivery_id: this.store.uuid(),
			hitl_id: hitlId,
			project_id: hitl.project_id,
			document_id: documentId,
			document_name: reviews[0]?.document_name ?? '',
			status: 'COMPLETED',
			review_ids: reviews.map((r) => r.review_id),
			reviews: reviews.map((r) => ({ review_id: r.review_id, label: r.label, value: r.value, reviewed_value: r.reviewed_value, status: r.status })),
			completed_at: this.store.nowIso(),
		};
		const delivery: WebhookDelivery = { id: payload.delivery_id, url: hitl.webhook_url, body: payload, attempts: 0, dropped: this.dropWebhooks, at: this.store.nowIso() };
		this.deliveries.push(delivery);
		if (!delivery.dropped) void this.deliver(delivery);
	}

	private async deliver(delivery: WebhookDelivery): Promise<void> {
		const max = this.options.webhookAttempts ?? 3;
		for (;;) {
			delivery.attempts++;
			try {
				const res = await fetch(delivery.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'user-agent': 'DeepOpinion-Studio-Webhook/1.0' },
					body: JSON.stringify(delivery.body),
					signal: AbortSignal.timeout(5000),
				});
				await res.arrayBuffer().catch(() => undefined);
				delivery.status = res.status;
				delivery.error = undefined;
				if (res.ok || (res.status < 500 && res.status !== 429)) return;
			} catch (error) {
				delivery.error = (error as Error).message;
			}
			if (delivery.attempts >= max) return;
			await new Promise<void>((resolve) => this.later(250 * delivery.attempts, resolve));
		}
	}

	/** Reviews for the low-confidence fields of an extracted document, if a live HITL covers the model. */
	reviewsFor(projectId: number, modelId: number, documentId: number, documentName: string, matches: Array<{ label: string; value: string; confidence: number; page: number }>) {
		const hitl = [...this.store.hitls.values()].find((h) => h.project_id === projectId && h.is_live && (h.model_id === modelId || h.model_id === null));
		if (!hitl) return { status: 'not_required' as const };
		const low = matches.filter((m) => m.confidence * 100 < threshold(hitl, m.label));
		if (low.length === 0) return { status: 'not_required' as const, hitl_id: hitl.id };
		const task = this.store.nextId('reviewTask');
		const reviews = low.map((m) => {
			const review: ReviewRec = {
				review_id: this.store.nextId('review'),
				task_id: task,
				document_id: documentId,
				document_name: documentName,
				page_num: m.page,
				status: 'PENDING',
				created: this.store.nowIso(),
				updated: this.store.nowIso(),
				user_id: hitl.assigned_user_id,
				label: m.label,
				confidence_threshold: threshold(hitl, m.label),
				ls_annotation_id: null,
				hitl_id: hitl.id,
				project_id: projectId,
				value: m.value,
				confidence: m.confidence,
				reviewed_value: null,
			};
			this.store.reviews.set(review.review_id, review);
			return review;
		});
		if (this.options.autoReviewMs !== undefined) this.later(this.options.autoReviewMs, () => this.complete({ review_ids: reviews.map((r) => r.review_id) }));
		return {
			status: 'pending' as const,
			hitl_id: hitl.id,
			review_ids: reviews.map((r) => r.review_id),
			result: [{ confidences: low.map((m) => ({ label: m.label, value: m.value, expected_confidence: threshold(hitl, m.label), found: Math.round(m.confidence * 100) })) }],
		};
	}
}

/** Confidence threshold (percent) for a field: the HITL's `labels[field]`, else 90. */
function threshold(hitl: HitlRec, label: string): number {
	const value = hitl.labels[label];
	const n = typeof value === 'number' ? value : typeof value === 'object' && value !== null ? Number((value as Record<string, unknown>).confidence_threshold) : NaN;
	return Number.isFinite(n) ? n : 90;
}

function hitlFields(b: Record<string, unknown>) {
	rejectUnknown(b, ['name', 'description', 'assigned_user_id', 'model_id', 'is_live', 'webhook_url', 'labels']);
	const webhook = stringField(b, 'webhook_url', false, MAX_URL);
	if (webhook && !/^https?:\/\/\S+$/i.test(webhook)) throw badRequest('webhook_url: must be an http(s) URL');
	if (b.labels !== undefined && (typeof b.labels !== 'object' || b.labels === null || Array.isArray(b.labels))) throw badRequest('labels: expected an object of confidence thresholds per field');
	return {
		name: stringField(b, 'name', false, MAX_NAME),
		description: stringField(b, 'description', false, MAX_DESCRIPTION),
		assigned_user_id: intField(b, 'assigned_user_id'),
		model_id: intField(b, 'model_id'),
		is_live: boolField(b, 'is_live'),
		webhook_url: webhook,
		labels: b.labels as Record<string, unknown> | undefined,
	};
}

export function registerHitlRoutes(api: RouteRegistrar, store: DeepOpinionStore, engine: HitlEngine): void {
	const hitlOf = (ctx: RequestContext) => store.getHitl(projectOf(store, ctx).id, pathId(ctx, 'hitl_id'));
	const apply = (hitl: HitlRec, fields: ReturnType<typeof hitlFields>) => {
		if (fields.assigned_user_id !== undefined) store.getUser(fields.assigned_user_id);
		if (fields.model_id !== undefined) store.getModel(fields.model_id);
		for (const [key, value] of Object.entries(fields)) if (value !== undefined) (hitl as unknown as Record<string, unknown>)[key] = value;
		hitl.updated_at = store.nowIso();
		return hitl;
	};

	api.route('GET', '/projects/:project_id/hitls', (ctx) => {
		const project = projectOf(store, ctx);
		return [...store.hitls.values()].filter((h) => h.project_id === project.id).map(hitlJson);
	});

	api.route('POST', '/projects/:project_id/hitls', async (ctx) => {
		const project = projectOf(store, ctx);
		const fields = hitlFields(await body(ctx));
		if (!fields.name) throw badRequest('name: required field is missing');
		const hitl: HitlRec = {
			id: store.nextId('hitl'),
			project_id: project.id,
			name: fields.name,
			description: '',
			created_at: store.nowIso(),
			updated_at: store.nowIso(),
			assigned_user_id: null,
			model_id: null,
			is_live: false,
			webhook_url: null,
			labels: {},
		};
		apply(hitl, fields);
		store.hitls.set(hitl.id, hitl);
		return reply(201, hitlJson(hitl));
	});

	api.route('GET', '/projects/:project_id/hitls/:hitl_id', (ctx) => hitlJson(hitlOf(ctx)));

	api.route('PUT', '/projects/:project_id/hitls/:hitl_id', async (ctx) => hitlJson(apply(hitlOf(ctx), hitlFields(await body(ctx)))));

	api.route('PUT', '/projects/:project_id/hitls/:hitl_id/assign', async (ctx) => {
		const hitl = hitlOf(ctx);
		const fields = hitlFields(await body(ctx));
		if (fields.assigned_user_id === undefined) throw badRequest('assigned_user_id: required to assign a HITL');
		apply(hitl, fields);
		for (const review of store.reviews.values()) if (review.hitl_id === hitl.id && review.status !== 'COMPLETED') review.user_id = hitl.assigned_user_id;
		return hitlJson(hitl);
	});

	api.route('GET', '/projects/:project_id/hitls/:hitl_id/reviews', (ctx) => {
		const hitl = hitlOf(ctx);
		const full = queryBool(ctx, 'with_full_data') ?? false;
		return [...store.reviews.values()].filter((r) => r.hitl_id === hitl.id).map((r) => reviewJson(r, full));
	});

	// --- document extraction -------------------------------------------------------------------
	api.route('POST', '/organizations/:organization_id/projects/:project_id/models/:model_id/extract', async (ctx) => {
		const organization = store.getWorkspace(pathId(ctx, 'organization_id'));
		const project = projectOf(store, ctx);
		if (project.organization_id !== organization.id) throw notFound(`Project ${project.id} is not in workspace ${organization.id}.`);
		const model = store.getModel(pathId(ctx, 'model_id'));
		if (model.project_id !== null && model.project_id !== project.id) throw notFound(`Model ${model.id} does not belong to project ${project.id}.`);
		if (!['READY', 'ACTIVE', 'PUBLISHED'].includes(model.status)) throw conflict(`Model ${model.id} is ${model.status}: only READY models can extract`);
		const bboxes = queryBool(ctx, 'return_bboxes') ?? false;
		const annotated = queryBool(ctx, 'return_annotated_pages') ?? false;
		const { files } = await multipart(ctx);
		const file = files.get('file');
		if (!file) throw badRequest('file: required multipart field is missing');
		const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
		const format = EXTRACTION_FORMATS[ext];
		if (!format) throw new HttpError(415, `415 Unsupported Media Type: "${file.name}": supported document formats are pdf, jpeg/jpg, png, tiff and webp`);
		if (file.data.length === 0) throw badRequest(`file: "${file.name}" is empty`);
		if (!format.test(file.data)) throw badRequest(`file: "${file.name}" is not a valid ${format.what} file`);

		const text = extractText(ext, file.data);
		const pages = pageCount(ext, file.data);
		const fields = project.labels.length ? project.labels.map((l) => l.name) : model.fields;
		const digest = file.data.toString('base64').slice(0, 256);
		const matches = fields.map((label, i) => {
			const found = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[:=]\\s*([^\\n]+)`, 'i').exec(text);
			const value = found ? found[1].trim() : `${label} ${Math.floor(hashRange(`${digest}:${label}`, 100, 999))}`;
			const confidence = Math.round(hashRange(`${digest}:c:${label}`, found ? 0.9 : 0.55, found ? 0.995 : 0.85) * 10000) / 10000;
			return { label, value, confidence, page: i % pages, found: Boolean(found) };
		});
		const doc = store.createDocument(project.id, text || file.name, { name: file.name, pages, meta: { source: 'EXTRACTION', model_id: model.id } });
		const hitl = engine.reviewsFor(project.id, model.id, doc.id, file.name, matches);
		const credits = pages * 8;
		const documents = [
			{
				name: file.name,
				document_id: doc.id,
				all_required_fields_found: matches.every((m) => m.found),
				all_confidence_thresholds_met: hitl.status !== 'pending',
				all_data_conversion_passed: true,
				credits_used: credits,
				matches: matches.map(({ label, value, confidence, page }) => ({ label, value, confidence, page })),
				...(bboxes
					? {
							bboxes: Array.from({ length: pages }, (_, p) => [
								matches
									.filter((m) => m.page === p)
									.map((m, j) => {
										const top = 0.05 + j * 0.06;
										const left = hashRange(`${digest}:x:${m.label}`, 0.05, 0.5);
										return { TLx: left, TLy: top, TRx: left + 0.2, TRy: top, BRx: left + 0.2, BRy: top + 0.03, BLx: left, BLy: top + 0.03, text: m.value, label: m.label, confidence: m.confidence };
									}),
							]),
						}
					: {}),
				...(annotated ? { annotated_pages: Array.from({ length: pages }, () => PIXEL_PNG) } : {}),
				hitl,
			},
		];
		return {
			model: model.display_name,
			all_required_fields_found: documents[0].all_required_fields_found,
			all_confidence_thresholds_met: documents[0].all_confidence_thresholds_met,
			all_data_conversion_passed: true,
			total_credits_used: credits,
			documents,
			labels: fields.map((name, i) => ({ id: i + 1, name })),
		};
	});
}
