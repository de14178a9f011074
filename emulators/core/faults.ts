import { statusLine } from './errors';
import { DEFAULT_SEED, Prng, type Seed } from './prng';
import {
	expectIntegerInRange,
	expectNumberInRange,
	expectObject,
	expectString,
	fieldPath,
	invalid,
	optional,
	rejectUnknownFields,
	required,
} from './validate';

export const FAULT_KINDS = ['latency', 'http429', 'http5xx', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const RETRY_AFTER_FORMATS = ['seconds', 'http-date', 'omit'] as const;
export type RetryAfterFormat = (typeof RETRY_AFTER_FORMATS)[number];

/**
 * One fault rule. A rule applies to a request when its method (if any) equals the request's and
 * its path (if any) matches: the request path starts with it, or it, read as a regular
 * expression, matches the path. It then fires with probability `rate`.
 */
export interface FaultRule {
	method?: string;
	path?: string;
	kind: FaultKind;
	/** Probability in [0, 1] (default 1). */
	rate?: number;
	/** latency: delay in milliseconds (default 100). */
	ms?: number;
	/** http429/http5xx: Retry-After in seconds (default 1 for 429; none for 5xx unless set). */
	retryAfter?: number;
	/** How Retry-After is written: delta seconds (default), an HTTP-date (now + retryAfter), or omitted. */
	retryAfterFormat?: RetryAfterFormat;
	/** http5xx: the status, 500..599 (default 503). */
	status?: number;
}

export interface FaultConfig {
	rules?: FaultRule[];
	seed?: Seed;
}

export type FaultAction =
	| { kind: 'drop' }
	| { kind: 'respond'; status: number; message: string; headers: Record<string, string> };

export interface FaultDecision {
	delayMs: number;
	action?: FaultAction;
	/** Every kind that fired for this request (latency may fire alongside a terminal fault). */
	fired: FaultKind[];
}

interface CompiledRule {
	readonly rule: FaultRule;
	readonly pathRegex?: RegExp;
}

const RULE_FIELDS = ['method', 'path', 'kind', 'rate', 'ms', 'retryAfter', 'retryAfterFormat', 'status'];

export function parseFaultRule(value: unknown, path = 'rule'): FaultRule {
	const obj = expectObject(value, path);
	rejectUnknownFields(obj, RULE_FIELDS, path);
	const kind = required(obj, 'kind', path, expectString);
	if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
		throw invalid(fieldPath(path, 'kind'), `must be one of ${FAULT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
	}
	const retryAfterFormat = optional(obj, 'retryAfterFormat', path, expectString);
	if (retryAfterFormat !== undefined && !(RETRY_AFTER_FORMATS as readonly string[]).includes(retryAfterFormat)) {
		throw invalid(fieldPath(path, 'retryAfterFormat'), `must be one of ${RETRY_AFTER_FORMATS.join(', ')}`);
	}
	const rule: FaultRule = {
		method: optional(obj, 'method', path, expectString)?.toUpperCase(),
		path: optional(obj, 'path', path, expectString),
		kind: kind as FaultKind,
		rate: optional(obj, 'rate', path, (v, p) => expectNumberInRange(v, p, 0, 1)),
		ms: optional(obj, 'ms', path, (v, p) => expectIntegerInRange(v, p, 0, 600_000)),
		retryAfter: optional(obj, 'retryAfter', path, (v, p) => expectIntegerInRange(v, p, 0, 86_400)),
		retryAfterFormat: retryAfterFormat as RetryAfterFormat | undefined,
		status: optional(obj, 'status', path, (v, p) => expectIntegerInRange(v, p, 500, 599)),
	};
	return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as unknown as FaultRule;
}

export function parseFaultRules(value: unknown, path = 'rules'): FaultRule[] {
	if (!Array.isArray(value)) throw invalid(path, 'expected an array of fault rules');
	return value.map((rule, i) => parseFaultRule(rule, fieldPath(path, i)));
}

function compile(rule: FaultRule): CompiledRule {
	let pathRegex: RegExp | undefined;
	if (rule.path !== undefined) {
		try {
			pathRegex = new RegExp(rule.path);
		} catch {
			pathRegex = undefined; // not a valid regular expression: prefix match only
		}
	}
	return { rule, pathRegex };
}

function applies({ rule, pathRegex }: CompiledRule, method: string, path: string): boolean {
	if (rule.method !== undefined && rule.method !== method) return false;
	if (rule.path === undefined) return true;
	return path.startsWith(rule.path) || (pathRegex?.test(path) ?? false);
}

function retryAfterHeader(rule: FaultRule, defaultSeconds: number | undefined): Record<string, string> {
	const seconds = rule.retryAfter ?? defaultSeconds;
	if (seconds === undefined || rule.retryAfterFormat === 'omit') return {};
	if (rule.retryAfterFormat === 'http-date') {
		return { 'retry-after': new Date(Date.now() + seconds * 1000).toUTCString() };
	}
	return { 'retry-after': String(seconds) };
}

function actionFor(rule: FaultRule): FaultAction {
	switch (rule.kind) {
		case 'drop':
			return { kind: 'drop' };
		case 'http429':
			return { kind: 'respond', status: 429, message: statusLine(429), headers: retryAfterHeader(rule, 1) };
		default: {
			const status = rule.status ?? 503;
			return { kind: 'respond', status, message: statusLine(status), headers: retryAfterHeader(rule, undefined) };
		}
	}
}

/**
 * Decides, per request, which faults fire. Draws from a seeded PRNG only for rules with a rate
 * strictly between 0 and 1, so a given seed and request sequence always gives the same faults.
 */
export class FaultInjector {
	private rules: CompiledRule[] = [];
	private prng: Prng;
	private seed: Seed;

	constructor(private readonly initial: FaultConfig = {}) {
		this.seed = initial.seed ?? DEFAULT_SEED;
		this.prng = new Prng(this.seed);
		this.set(initial.rules ?? []);
	}

	list(): FaultRule[] {
		return this.rules.map((c) => ({ ...c.rule }));
	}

	currentSeed(): Seed {
		return this.seed;
	}

	/** Replaces the rules (validated: an invalid rule throws a 400 HttpError). */
	set(rules: readonly FaultRule[]): void {
		this.rules = parseFaultRules(rules).map(compile);
	}

	add(rule: FaultRule): void {
		this.rules.push(compile(parseFaultRule(rule)));
	}

	clear(): void {
		this.rules = [];
	}

	reseed(seed: Seed = this.seed): void {
		this.seed = seed;
		this.prng = new Prng(seed);
	}

	/** Back to the rules and seed given at start. */
	reset(): void {
		this.set(this.initial.rules ?? []);
		this.reseed(this.initial.seed ?? DEFAULT_SEED);
	}

	decide(method: string, path: string): FaultDecision {
		const decision: FaultDecision = { delayMs: 0, fired: [] };
		for (const compiled of this.rules) {
			if (decision.action) break;
			if (!applies(compiled, method, path) || !this.fires(compiled.rule.rate ?? 1)) continue;
			const { rule } = compiled;
			decision.fired.push(rule.kind);
			if (rule.kind === 'latency') decision.delayMs += rule.ms ?? 100;
			else decision.action = actionFor(rule);
		}
		return decision;
	}

	private fires(rate: number): boolean {
		if (rate >= 1) return true;
		if (rate <= 0) return false;
		return this.prng.next() < rate;
	}
}
