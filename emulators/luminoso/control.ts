import type { ClassifierRecord, MessageRecord, ProjectRecord } from './model';
import type { LuminosoStore, SeedUser } from './store';

export interface LuminosoState {
	users: Array<{ email: string; admin: boolean; must_reset_password: boolean }>;
	accounts: Array<{ id: string; name: string }>;
	permissions: Array<{ id: number; user: string; account: string; level: string }>;
	tokens: Array<{ user: string; expired: boolean; uses_left?: number }>;
	logins: number;
	projects: Array<{
		id: string;
		name: string;
		account: string;
		documents: number;
		messages: number;
		classifiers: Array<{ id: number; name: string; type: string; training_state: string; status: string }>;
		topics: number;
	}>;
}

/** Programmatic inspection and control of the emulated deployment; the admin routes use it too. */
export class LuminosoControl {
	constructor(private readonly store: LuminosoStore) {}

	/** Adds a user who can log in (the API itself creates users without a password). */
	addUser(user: SeedUser): void {
		this.store.addUser(user);
	}

	/** Expires tokens now, or after `afterRequests` more authenticated requests each. Returns how many. */
	expireTokens(options: { user?: string; afterRequests?: number } = {}): number {
		return this.store.expireTokens(options);
	}

	/**
	 * Delays the answers to matching requests after they were handled (their effect is already
	 * saved): a client that gives up or dies meanwhile never learns of it. Undefined: off.
	 */
	delayResponses(rule: { method?: string; path?: string; ms: number } | undefined): void {
		this.store.responseDelay = rule && { ...rule, method: rule.method?.toUpperCase() };
	}

	/** Ends the training time of every classifier still in training. */
	finishTraining(): number {
		let count = 0;
		for (const project of this.store.projects.values()) {
			for (const classifier of project.classifiers.values()) {
				if (classifier.trainingState === 'in_training') {
					classifier.readyAt = this.store.now();
					this.store.refresh(classifier);
					count++;
				}
			}
		}
		return count;
	}

	/** Successful logins so far. */
	logins(): number {
		return this.store.logins;
	}

	project(id: string): ProjectRecord | undefined {
		return this.store.projects.get(id);
	}

	documentCount(projectId: string): number {
		return this.store.projects.get(projectId)?.documents.length ?? 0;
	}

	messages(projectId: string): MessageRecord[] {
		return [...(this.store.projects.get(projectId)?.messages ?? [])];
	}

	classifier(projectId: string, id: number): ClassifierRecord | undefined {
		const classifier = this.store.projects.get(projectId)?.classifiers.get(id);
		return classifier && this.store.refresh(classifier);
	}

	state(): LuminosoState {
		const s = this.store;
		return {
			users: [...s.users.values()].map((u) => ({ email: u.email, admin: u.admin, must_reset_password: u.mustResetPassword })),
			accounts: [...s.accounts.values()].map((a) => ({ ...a })),
			permissions: [...s.permissions.values()].map((p) => ({ ...p })),
			tokens: [...s.tokens.values()].map((t) => ({ user: t.user, expired: s.isExpired(t), ...(t.usesLeft !== undefined ? { uses_left: t.usesLeft } : {}) })),
			logins: s.logins,
			projects: [...s.projects.values()].map((p) => ({
				id: p.id,
				name: p.name,
				account: p.account,
				documents: p.documents.length,
				messages: p.messages.length,
				classifiers: [...p.classifiers.values()].map((c) => {
					s.refresh(c);
					return { id: c.id, name: c.name, type: c.type, training_state: c.trainingState, status: c.trainingState === 'ready' ? c.requestedStatus : 'inactive' };
				}),
				topics: [...p.topics.values()].filter((t) => !t.deleted).length,
			})),
		};
	}
}
