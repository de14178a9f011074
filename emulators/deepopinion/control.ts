import { badRequest, expectBoolean, expectObject, notFound, optional, rejectUnknownFields, reply, type RouteRegistrar } from '../core';
import type { HitlEngine, WebhookDelivery } from './hitl';
import type { DeepOpinionStore, ReviewRec } from './store';
import { hitlJson, reviewJson } from './views';

export interface CompleteReviewsInput {
	hitl_id?: number;
	document_id?: number;
	review_ids?: number[];
	/** Reviewed values by field label (default: the extracted value is confirmed). */
	values?: Record<string, string>;
}

/** Inspection and control of the emulated DeepOpinion Studio; the admin routes use it too. */
export class DeepOpinionControl {
	constructor(
		readonly store: DeepOpinionStore,
		private readonly hitl: HitlEngine,
	) {}

	/** Completes pending HITL reviews as a reviewer in Studio would; webhooks follow per document. */
	completeReviews(input: CompleteReviewsInput = {}): ReviewRec[] {
		return this.hitl.complete(input);
	}

	reviews(hitlId?: number): ReviewRec[] {
		return [...this.store.reviews.values()].filter((r) => hitlId === undefined || r.hitl_id === hitlId);
	}

	/** Webhook POSTs made (or dropped) so far, oldest first. */
	deliveries(): WebhookDelivery[] {
		return this.hitl.deliveries;
	}

	/** While true, webhook deliveries are recorded but never sent (a lost webhook). */
	setDropWebhooks(drop: boolean): void {
		this.hitl.dropWebhooks = drop;
	}

	/** Every token issued so far is refused from now on (as after an expiry): clients must log in again. */
	expireTokens(): void {
		this.store.tokensValidAfter = this.store.now() + 1;
	}

	passwordResetTokens(): Array<{ token: string; user_id: number }> {
		return [...this.store.passwordResets.entries()].map(([token, user_id]) => ({ token, user_id }));
	}

	invitationTokens(): Array<{ id: number; email: string; token: string; organization_id: number }> {
		return [...this.store.invitations.values()].map((i) => ({ id: i.id, email: i.email, token: i.token, organization_id: i.organization_id }));
	}

	failAnalysis(id: number): void {
		this.store.getAnalysis(id).failed = true;
	}

	addExternalCredential(id: number): void {
		this.store.externalCredentials.add(id);
	}

	state() {
		const s = this.store;
		return {
			users: [...s.users.values()].map((u) => ({ id: u.id, email: u.email, first_name: u.first_name, last_name: u.last_name, is_superuser: u.is_superuser, is_betauser: u.is_betauser })),
			workspaces: [...s.workspaces.values()].map((w) => ({ ...w, defaultFor: [...w.defaultFor] })),
			projects: [...s.projects.values()],
			documents: s.documents.size,
			files: [...s.files.values()].map((f) => ({ id: f.id, name: f.name, format: f.format, rows: f.rows.length })),
			groups: [...s.groups.values()],
			analyses: [...s.analyses.values()].map((a) => ({ id: a.id, name: a.name, model_id: a.model_id, documents: a.documents.length, ...s.analysisState(a) })),
			models: [...s.models.values()].map((m) => ({ id: m.id, name: m.name, status: m.status, type: m.type, project_id: m.project_id })),
			sessions: [...s.sessions.values()].map((x) => ({ id: x.id, mode: x.mode, project_id: x.project_id, documents: x.document_ids.length })),
			hitls: [...s.hitls.values()].map(hitlJson),
			reviews: [...s.reviews.values()].map((r) => reviewJson(r, true)),
			webhooks: { drop: this.hitl.dropWebhooks, deliveries: this.hitl.deliveries.length },
		};
	}
}

function ids(value: unknown, field: string): number[] | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) throw badRequest(`${field}: expected an array of IDs`);
	return value as number[];
}

/** DeepOpinion admin routes, mounted under `/__emulator/deepopinion`. */
export function registerDeepOpinionAdminRoutes(admin: RouteRegistrar, control: DeepOpinionControl): void {
	admin.route('POST', '/reviews/complete', async ({ jsonBody }) => {
		const b = expectObject((await jsonBody()) ?? {}, 'body');
		rejectUnknownFields(b, ['hitl_id', 'document_id', 'review_ids', 'values'], '');
		const done = control.completeReviews({
			hitl_id: b.hitl_id as number | undefined,
			document_id: b.document_id as number | undefined,
			review_ids: ids(b.review_ids, 'review_ids'),
			values: b.values as Record<string, string> | undefined,
		});
		return { completed: done.map((r) => r.review_id) };
	});
	admin.route('GET', '/reviews', ({ query }) => ({ reviews: control.reviews(query.has('hitl_id') ? Number(query.get('hitl_id')) : undefined).map((r) => reviewJson(r, true)) }));
	admin.route('GET', '/webhooks', () => ({ deliveries: control.deliveries() }));
	admin.route('PUT', '/webhooks', async ({ jsonBody }) => {
		const b = expectObject(await jsonBody(), 'body');
		rejectUnknownFields(b, ['drop'], '');
		const drop = optional(b, 'drop', '', expectBoolean) ?? false;
		control.setDropWebhooks(drop);
		return { drop };
	});
	admin.route('POST', '/tokens/expire', () => {
		control.expireTokens();
		return { expired: true };
	});
	admin.route('GET', '/password-resets', () => ({ resets: control.passwordResetTokens() }));
	admin.route('GET', '/invitations', () => ({ invitations: control.invitationTokens() }));
	admin.route('POST', '/analyses/:id/fail', ({ params }) => {
		const id = Number(params.id);
		if (!control.store.analyses.has(id)) throw notFound(`no analysis ${params.id}`);
		control.failAnalysis(id);
		return { failed: id };
	});
	admin.route('POST', '/external-credentials', async ({ jsonBody }) => {
		const b = expectObject(await jsonBody(), 'body');
		if (!Number.isInteger(b.id)) throw badRequest('id: expected an integer');
		control.addExternalCredential(b.id as number);
		return reply(201, { id: b.id });
	});
}
