import type { RequestContext } from './context';
import type { Reply } from './reply';

/**
 * A handler returns the JSON body for a 200, a `Reply` for anything else, or nothing when it
 * wrote the response itself through `ctx.res`.
 */
export type Handler = (ctx: RequestContext) => unknown | Promise<unknown> | Reply | Promise<Reply>;

export interface RouteOptions {
	/** Run the platform's auth hook first (default true). False for public routes such as a login. */
	auth?: boolean;
}

export interface Route {
	readonly method: string;
	readonly pattern: string;
	readonly handler: Handler;
	readonly options: RouteOptions;
}

export interface RouteMatch {
	readonly route: Route;
	readonly params: Record<string, string>;
}

/** Anything routes can be added to: a router or a prefixed scope of one. */
export interface RouteRegistrar {
	route(method: string, pattern: string, handler: Handler, options?: RouteOptions): void;
}

type Segment =
	| { kind: 'literal'; value: string }
	| { kind: 'param'; name: string }
	| { kind: 'template'; regex: RegExp; names: string[] };

interface CompiledRoute extends Route {
	readonly segments: Segment[];
	/** Higher is more specific, compared position by position: literal > template > param. */
	readonly rank: number[];
}

const RANK = { literal: 3, template: 2, param: 1 } as const;
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Pattern syntax, segment by segment:
 *  - `:name` matches a whole segment (its value may contain `:`, e.g. `id:ab12`);
 *  - `{name}` inside a segment matches part of it, e.g. `id:{sourceId}`;
 *  - anything else is literal, colons included (`datasets:upload`).
 * Empty segments are ignored, so a trailing slash is optional. When several patterns match,
 * the most specific one wins regardless of registration order.
 */
export class Router implements RouteRegistrar {
	private readonly bySegmentCount = new Map<number, CompiledRoute[]>();

	route(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): void {
		const segments = splitPath(pattern).map(compileSegment);
		const compiled: CompiledRoute = {
			method: method.toUpperCase(),
			pattern,
			handler,
			options,
			segments,
			rank: segments.map((s) => RANK[s.kind]),
		};
		const group = this.bySegmentCount.get(segments.length) ?? [];
		group.push(compiled);
		group.sort((a, b) => compareRank(b.rank, a.rank));
		this.bySegmentCount.set(segments.length, group);
	}

	/** A view of this router that prefixes every pattern, e.g. `/__emulator/reinfer`. */
	scope(prefix: string): RouteRegistrar {
		return {
			route: (method, pattern, handler, options) => this.route(method, joinPattern(prefix, pattern), handler, options),
		};
	}

	/** Every registered route. */
	list(): Route[] {
		return [...this.bySegmentCount.values()].flat().map(({ method, pattern, handler, options }) => ({ method, pattern, handler, options }));
	}

	match(method: string, path: string): RouteMatch | undefined {
		let parts: string[];
		try {
			parts = splitPath(path).map(decodeURIComponent);
		} catch {
			return undefined; // malformed percent-encoding matches nothing
		}
		const upper = method.toUpperCase();
		for (const route of this.bySegmentCount.get(parts.length) ?? []) {
			if (route.method !== upper) continue;
			const params = matchSegments(route.segments, parts);
			if (params) return { route, params };
		}
		return undefined;
	}
}

function splitPath(path: string): string[] {
	return path.split('/').filter((s) => s.length > 0);
}

function joinPattern(prefix: string, pattern: string): string {
	return `${prefix.replace(/\/+$/, '')}/${pattern.replace(/^\/+/, '')}`;
}

function compileSegment(segment: string): Segment {
	if (/^:[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) return { kind: 'param', name: segment.slice(1) };
	const names: string[] = [];
	let source = '';
	let last = 0;
	for (const m of segment.matchAll(PLACEHOLDER)) {
		source += escapeRegex(segment.slice(last, m.index)) + '(.+?)';
		names.push(m[1]);
		last = (m.index ?? 0) + m[0].length;
	}
	if (names.length === 0) return { kind: 'literal', value: segment };
	source += escapeRegex(segment.slice(last));
	return { kind: 'template', regex: new RegExp(`^${source}$`), names };
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
	const params: Record<string, string> = {};
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		const part = parts[i];
		if (segment.kind === 'literal') {
			if (segment.value !== part) return undefined;
		} else if (segment.kind === 'param') {
			params[segment.name] = part;
		} else {
			const m = segment.regex.exec(part);
			if (!m) return undefined;
			segment.names.forEach((name, j) => (params[name] = m[j + 1]));
		}
	}
	return params;
}

function compareRank(a: number[], b: number[]): number {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
	return 0;
}

export function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
