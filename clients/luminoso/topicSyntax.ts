/**
 * The documented topic syntax of topic-based classifiers, checked before anything is sent:
 * - terms (operands) are single words or multi-word phrases;
 * - the operators AND, OR and NOT are written in upper case;
 * - parentheses are required whenever the operator changes (`ale OR beer AND NOT porter` is
 *   ambiguous; `(ale OR beer) AND NOT porter` is not); NOT applies to the operand after it;
 * - no punctuation at all, quotation marks included.
 * A problem is reported with its 1-based character position and the clause marked at that spot.
 */

export type ClauseTree =
	| { kind: 'term'; words: string[] }
	| { kind: 'not'; operand: ClauseTree }
	| { kind: 'and' | 'or'; operands: ClauseTree[] };

export interface ClauseProblem {
	/** 0-based index of the offending character in the clause. */
	index: number;
	/** How many characters the problem spans (at least 1). */
	length: number;
	message: string;
}

type Operator = 'AND' | 'OR' | 'NOT';

type Token =
	| { type: 'word'; text: string; start: number; end: number }
	| { type: 'op'; op: Operator; start: number; end: number }
	| { type: 'open' | 'close'; start: number; end: number };

const OPERATORS = new Set<string>(['AND', 'OR', 'NOT']);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

class ClauseSyntaxError extends Error {
	constructor(readonly problem: ClauseProblem) {
		super(problem.message);
	}
}

function fail(index: number, length: number, message: string): never {
	throw new ClauseSyntaxError({ index, length: Math.max(1, length), message });
}

function describeChar(ch: string): string {
	if (ch === '"') return 'a quotation mark (")';
	if (ch === "'") return "an apostrophe (')";
	return `"${ch}"`;
}

function tokenize(clause: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < clause.length) {
		const ch = clause[i];
		if (/\s/.test(ch)) {
			i++;
		} else if (ch === '(' || ch === ')') {
			tokens.push({ type: ch === '(' ? 'open' : 'close', start: i, end: i + 1 });
			i++;
		} else if (WORD_CHAR.test(ch)) {
			const start = i;
			while (i < clause.length && WORD_CHAR.test(clause[i])) i++;
			const text = clause.slice(start, i);
			if (OPERATORS.has(text)) tokens.push({ type: 'op', op: text as Operator, start, end: i });
			else if (OPERATORS.has(text.toUpperCase()) && text !== text.toLowerCase()) {
				fail(start, text.length, `"${text}" looks like an operator: operators must be written in upper case (${text.toUpperCase()})`);
			} else tokens.push({ type: 'word', text, start, end: i });
		} else {
			const codePoint = String.fromCodePoint(clause.codePointAt(i) ?? 0);
			fail(i, codePoint.length, `contains punctuation, ${describeChar(codePoint)}: a topic may only contain words, spaces, parentheses and the operators AND, OR, NOT`);
		}
	}
	return tokens;
}

class Parser {
	private pos = 0;

	constructor(
		private readonly clause: string,
		private readonly tokens: Token[],
	) {}

	parse(): ClauseTree {
		if (this.tokens.length === 0) fail(0, this.clause.length, 'is empty: write at least one word or phrase');
		const tree = this.expression();
		const extra = this.peek();
		if (extra) {
			if (extra.type === 'close') fail(extra.start, 1, 'has a ")" without a matching "("');
			// expression() only stops early on a token that cannot follow an operand.
			const previous = this.tokens[this.pos - 1];
			fail(extra.start, extra.end - extra.start, `needs an operator (AND, OR) between "${this.clause.slice(previous.start, previous.end)}" and "${this.clause.slice(extra.start, extra.end)}"`);
		}
		return tree;
	}

	private peek(): Token | undefined {
		return this.tokens[this.pos];
	}

	/** operand (op operand)*, one operator per level. */
	private expression(): ClauseTree {
		const levelStart = this.peek()?.start ?? this.clause.length;
		const operands = [this.unary()];
		let operator: 'AND' | 'OR' | undefined;
		let lastOperandStart = levelStart;
		for (let token = this.peek(); token?.type === 'op' && token.op !== 'NOT'; token = this.peek()) {
			this.pos++;
			const nextStart = this.peek()?.start ?? this.clause.length;
			if (operator && token.op !== operator) {
				const nextEnd = this.peekOperandEnd();
				const levelEnd = this.levelEnd();
				const before = this.clause.slice(0, levelStart);
				const rest = this.clause.slice(nextEnd, levelEnd).trimEnd();
				const after = this.clause.slice(levelEnd).trimEnd();
				const grouped = `${before}(${this.clause.slice(levelStart, token.start).trim()}) ${this.clause.slice(token.start, nextEnd).trim()}${rest}${after}`;
				const nested = `${before}${this.clause.slice(levelStart, lastOperandStart)}(${this.clause.slice(lastOperandStart, nextEnd).trim()})${rest}${after}`;
				fail(
					token.start,
					token.end - token.start,
					`is ambiguous: "${operator}" and "${token.op}" are mixed without parentheses; use parentheses whenever you change operators, e.g. "${grouped}" or "${nested}"`,
				);
			}
			operator = token.op;
			lastOperandStart = nextStart;
			operands.push(this.unary());
		}
		if (!operator) return operands[0];
		return { kind: operator === 'AND' ? 'and' : 'or', operands };
	}

	/** Where the current nesting level ends: its closing parenthesis, or the end of the clause. */
	private levelEnd(): number {
		let depth = 0;
		for (let p = this.pos; p < this.tokens.length; p++) {
			const token = this.tokens[p];
			if (token.type === 'open') depth++;
			else if (token.type === 'close' && depth-- === 0) return token.start;
		}
		return this.clause.length;
	}

	/** Where the operand starting at the current token ends (without consuming it), for suggestions. */
	private peekOperandEnd(): number {
		const saved = this.pos;
		try {
			this.unary();
			return this.tokens[this.pos - 1]?.end ?? this.clause.length;
		} catch {
			return this.clause.length;
		} finally {
			this.pos = saved;
		}
	}

	private unary(): ClauseTree {
		const token = this.peek();
		if (token?.type === 'op' && token.op === 'NOT') {
			this.pos++;
			const next = this.peek();
			if (next?.type === 'op' && next.op === 'NOT') fail(next.start, 3, 'has "NOT NOT": write NOT once');
			return { kind: 'not', operand: this.primary('NOT') };
		}
		return this.primary();
	}

	private primary(after?: string): ClauseTree {
		const token = this.peek();
		const previous = this.tokens[this.pos - 1];
		const afterWhat = after ?? (previous?.type === 'op' ? previous.op : previous?.type === 'open' ? '(' : undefined);
		if (!token) {
			fail(this.clause.length > 0 ? this.clause.length - 1 : 0, 1, afterWhat ? `ends after "${afterWhat}": a word or phrase must follow it` : 'is empty: write at least one word or phrase');
		}
		if (token.type === 'open') {
			this.pos++;
			const inner = this.peek();
			if (inner?.type === 'close') fail(token.start, inner.end - token.start, 'has empty parentheses "()"');
			const tree = this.expression();
			const close = this.peek();
			if (close?.type !== 'close') {
				if (!close) fail(token.start, 1, 'has a "(" that is never closed');
				fail(close.start, close.end - close.start, `needs an operator (AND, OR) before "${this.clause.slice(close.start, close.end)}"`);
			}
			this.pos++;
			const following = this.peek();
			if (following && (following.type === 'word' || following.type === 'open')) {
				fail(following.start, following.end - following.start, `needs an operator (AND, OR) between ")" and "${this.clause.slice(following.start, following.end)}"`);
			}
			return tree;
		}
		if (token.type === 'word') {
			const words: string[] = [];
			while (this.peek()?.type === 'word') words.push((this.tokens[this.pos++] as { text: string }).text);
			const following = this.peek();
			if (following?.type === 'open') fail(following.start, 1, `needs an operator (AND, OR) between "${words.join(' ')}" and "("`);
			return { kind: 'term', words };
		}
		if (token.type === 'close') fail(token.start, 1, afterWhat ? `has ")" right after "${afterWhat}": a word or phrase must come first` : 'has a ")" without a matching "("');
		// An operator where an operand belongs.
		const op = this.clause.slice(token.start, token.end);
		if (afterWhat) fail(token.start, token.end - token.start, `has "${op}" right after "${afterWhat}": a word or phrase must come between them`);
		fail(token.start, token.end - token.start, `starts with "${op}": a word or phrase must come before it`);
	}
}

/** Parses a topic specification; throws nothing: returns the tree or the first problem found. */
export function parseTopicClause(clause: string): { tree: ClauseTree; problem?: undefined } | { tree?: undefined; problem: ClauseProblem } {
	try {
		return { tree: new Parser(clause, tokenize(clause)).parse() };
	} catch (error) {
		if (error instanceof ClauseSyntaxError) return { problem: error.problem };
		return { problem: { index: 0, length: clause.length, message: `could not be read (${error instanceof Error ? error.message : String(error)})` } };
	}
}

/** The clause with the problem marked, e.g. `ale OR beer >>AND<< NOT porter`. */
export function markProblem(clause: string, problem: ClauseProblem): string {
	const end = Math.min(clause.length, problem.index + problem.length);
	return `${clause.slice(0, problem.index)}>>${clause.slice(problem.index, end)}<<${clause.slice(end)}`;
}

/**
 * What is wrong with a topic specification, as one sentence naming the character position and
 * showing the clause marked at the problem; undefined when the clause is valid.
 */
export function checkTopicClause(clause: unknown): string | undefined {
	if (typeof clause !== 'string') return `must be a topic specification (text), got ${clause === undefined ? 'nothing' : typeof clause}`;
	const { problem } = parseTopicClause(clause);
	if (!problem) return undefined;
	return `${problem.message} (at character ${problem.index + 1}: ${markProblem(clause, problem)})`;
}
