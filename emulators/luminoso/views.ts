import { formatTime } from './drf';
import type { AccountRecord, ClassifierRecord, DocumentRecord, MessageRecord, PermissionRecord, ProjectRecord, TokenRecord, TopicRecord, UsageRecord, UserRecord } from './model';
import type { LuminosoStore } from './store';

/** API objects built from records; `base` is the API root of the request, `http://<host>/api`. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const HOUR = 3600 * 1000;

export const userUrl = (base: string, email: string) => `${base}/users/${encodeURIComponent(email)}/`;
export const projectUrl = (base: string, project: ProjectRecord) => `${base}/projects/${project.id}/`;
const inProject = (base: string, project: ProjectRecord, rest: string) => `${projectUrl(base, project)}p/${rest}`;

export function tokenView(token: TokenRecord) {
	return { token: token.token, user: token.user, expiration: formatTime(token.expires) };
}

export function permissionView(base: string, p: PermissionRecord) {
	return { url: `${base}/permissions/${p.id}/`, user: p.user, account: p.account, level: p.level };
}

export function userView(store: LuminosoStore, base: string, user: UserRecord) {
	return {
		url: userUrl(base, user.email),
		email: user.email,
		name: user.name,
		default_account: user.defaultAccount,
		must_reset_password: user.mustResetPassword,
		admin: user.admin,
		permissions: [...store.permissions.values()].filter((p) => p.user === user.email).map((p) => permissionView(base, p)),
	};
}

export function accountView(base: string, account: AccountRecord) {
	return { url: `${base}/accounts/${account.id}/`, id: account.id, name: account.name };
}

export function projectView(base: string, p: ProjectRecord) {
	return { url: projectUrl(base, p), name: p.name, account: p.account, description: p.description, language: p.language, status: p.status, creator: p.creator, created: formatTime(p.created) };
}

export function documentView(base: string, p: ProjectRecord, d: DocumentRecord) {
	return { url: inProject(base, p, `documents/${d.id}/`), id: d.id, text: d.text, label: d.label, dataset: d.dataset, language: d.language };
}

export const topicUrl = (base: string, p: ProjectRecord, id: number) => inProject(base, p, `topics/${id}/`);

export function classifierView(store: LuminosoStore, base: string, p: ProjectRecord, c: ClassifierRecord) {
	store.refresh(c);
	const topics = c.topicIds
		.map((id) => p.topics.get(id))
		.filter((t): t is TopicRecord => Boolean(t && !t.deleted))
		.map((t) => ({ url: topicUrl(base, p, t.id), title: t.title, ...(typeof t.info === 'string' ? { clause: t.info } : {}), ...(t.band ? { band: t.band } : {}) }));
	return {
		url: inProject(base, p, `classifiers/${c.id}/`),
		name: c.name,
		type: c.type,
		status: c.trainingState === 'ready' ? c.requestedStatus : 'inactive',
		training_state: c.trainingState,
		topics,
		info: c.info,
		created: formatTime(c.created),
		last_update: formatTime(c.lastUpdate),
	};
}

export function messageView(store: LuminosoStore, base: string, p: ProjectRecord, m: MessageRecord) {
	return {
		url: inProject(base, p, `messages/${m.id}/`),
		text: m.text,
		language: m.language,
		source_id: m.sourceId,
		timestamp: formatTime(m.timestamp),
		blocked: store.isBlocked(p, m),
		weight: m.weight,
		info: m.info,
		sentiment: m.sentiment,
		topics: m.topics,
	};
}

export function usageView(base: string, p: ProjectRecord, u: UsageRecord) {
	return { url: inProject(base, p, `usage/${u.id}/`), source: u.source, start_time: formatTime(u.start), count: u.count };
}

/** Months (starting at noon on the 1st) holding the usage days, oldest first. */
export function usageMonths(base: string, p: ProjectRecord, days: UsageRecord[]) {
	const months = new Map<string, { start: number; totals: Record<string, number>; days: UsageRecord[] }>();
	for (const day of [...days].sort((a, b) => a.start - b.start || a.id - b.id)) {
		const d = new Date(day.start);
		const key = `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
		const month = months.get(key) ?? { start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1, 12), totals: {}, days: [] };
		month.totals[day.source] = (month.totals[day.source] ?? 0) + day.count;
		month.days.push(day);
		months.set(key, month);
	}
	return [...months.values()].map((m) => ({
		start_time: formatTime(m.start),
		month_name: MONTHS[new Date(m.start).getUTCMonth()],
		total_counts: m.totals,
		days: m.days.map((u) => usageView(base, p, u)),
	}));
}

export interface BucketQuery {
	interval: number;
	numBuckets: number;
	atTime: number;
}

/** count, velocity (messages in the last hour) and acceleration (its change from the hour before). */
export function measurements(messages: readonly MessageRecord[], atTime: number) {
	let lastHour = 0;
	let hourBefore = 0;
	for (const m of messages) {
		if (m.timestamp > atTime - HOUR && m.timestamp <= atTime) lastHour++;
		else if (m.timestamp > atTime - 2 * HOUR && m.timestamp <= atTime - HOUR) hourBefore++;
	}
	return { count: messages.length, velocity: lastHour, acceleration: lastHour - hourBefore };
}

/**
 * Messages per bucket of `interval` seconds ending at `atTime`, earliest first, with the weight of
 * negative / neutral / positive messages (by the project's sentiment_threshold). Buckets from
 * before the project held anything are null.
 */
export function timeBuckets(messages: readonly MessageRecord[], q: BucketQuery, existsFrom: number, sentimentThreshold: number) {
	const ms = q.interval * 1000;
	const start = q.atTime - q.numBuckets * ms;
	const counts: Array<number | null> = [];
	const sentiment: Array<{ negative: number; neutral: number; positive: number } | null> = [];
	for (let i = 0; i < q.numBuckets; i++) {
		const end = start + (i + 1) * ms;
		if (end <= existsFrom) {
			counts.push(null);
			sentiment.push(null);
		} else {
			counts.push(0);
			sentiment.push({ negative: 0, neutral: 0, positive: 0 });
		}
	}
	for (const m of messages) {
		if (m.timestamp < start || m.timestamp >= q.atTime) continue;
		const i = Math.floor((m.timestamp - start) / ms);
		if (counts[i] === null) {
			counts[i] = 0;
			sentiment[i] = { negative: 0, neutral: 0, positive: 0 };
		}
		counts[i] = (counts[i] as number) + 1;
		const bucket = sentiment[i]!;
		if (m.sentiment > sentimentThreshold) bucket.positive += m.weight;
		else if (m.sentiment < -sentimentThreshold) bucket.negative += m.weight;
		else bucket.neutral += m.weight;
	}
	return { start_time: formatTime(start), end_time: formatTime(q.atTime), interval: q.interval, counts, sentiment_counts: sentiment };
}

/** Since when the project has data: its creation, or its earliest message if that is older. */
export function existsFrom(p: ProjectRecord): number {
	let from = p.created;
	for (const m of p.messages) if (m.timestamp < from) from = m.timestamp;
	return from;
}

export function topicView(store: LuminosoStore, base: string, p: ProjectRecord, t: TopicRecord, stats?: BucketQuery) {
	const members = store.topicMessages(p, t, false).map((x) => x.message);
	const atTime = stats?.atTime ?? store.now();
	const classifier = t.classifierId === undefined ? undefined : p.classifiers.get(t.classifierId);
	return {
		url: topicUrl(base, p, t.id),
		title: t.title,
		status: t.status,
		blocking: t.blocking,
		created: formatTime(t.created),
		ended: t.ended === null ? null : formatTime(t.ended),
		info: t.info,
		clusters: [],
		measurements: measurements(members, atTime),
		messages_url: inProject(base, p, `topics/${t.id}/messages/`),
		classifier: classifier ? inProject(base, p, `classifiers/${classifier.id}/`) : null,
		...(stats ? { time_buckets: timeBuckets(members, stats, existsFrom(p), Number(store.configValue(p, 'sentiment_threshold'))) } : {}),
	};
}
