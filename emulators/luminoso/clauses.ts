import { concepts, containsPhrase, round } from './text';

/**
 * The emulator's own reading of the documented topic syntax (independent of the client's checker):
 * AND / OR / NOT in upper case, words and phrases as operands, parentheses whenever the operator
 * changes, no punctuation. Parsed into a tree that classification evaluates.
 */
export type Clause = { t: 'term'; phrase: string[] } | { t: 'not'; x: Clause } | { t: 'all' | 'any'; xs: Clause[] };

export class ClauseError extends Error {}

export function parseClause(source: string): Clause {
	if (/[^\p{L}\p{N}\p{M}\s()]/u.test(source)) {
		const bad = /[^\p{L}\p{N}\p{M}\s()]/u.exec(source)!;
		throw new ClauseError(`Punctuation is not allowed in a topic specification (found ${JSON.stringify(bad[0])} at position ${bad.index + 1}).`);
	}
	const tokens = source.match(/\(|\)|[\p{L}\p{N}\p{M}]+/gu) ?? [];
	if (tokens.length === 0) throw new ClauseError('The topic specification is empty.');
	let i = 0;
	const isOp = (t: string | undefined) => t === 'AND' || t === 'OR' || t === 'NOT';

	const operand = (): Clause => {
		const t = tokens[i];
		if (t === 'NOT') {
			i++;
			return { t: 'not', x: operand() };
		}
		if (t === '(') {
			i++;
			const inner = expression();
			if (tokens[i] !== ')') throw new ClauseError('Unbalanced parentheses in the topic specification.');
			i++;
			return inner;
		}
		if (t === undefined || t === ')' || isOp(t)) throw new ClauseError(`Expected a word or phrase${t ? ` before ${JSON.stringify(t)}` : ' at the end'}.`);
		const phrase: string[] = [];
		while (i < tokens.length && tokens[i] !== '(' && tokens[i] !== ')' && !isOp(tokens[i])) phrase.push(tokens[i++]);
		return { t: 'term', phrase: concepts(phrase.join(' ')) };
	};

	const expression = (): Clause => {
		const xs = [operand()];
		let op: string | undefined;
		while (tokens[i] === 'AND' || tokens[i] === 'OR') {
			if (op && tokens[i] !== op) throw new ClauseError(`Ambiguous topic specification: ${op} and ${tokens[i]} must be separated by parentheses.`);
			op = tokens[i++];
			xs.push(operand());
		}
		return op ? { t: op === 'AND' ? 'all' : 'any', xs } : xs[0];
	};

	const tree = expression();
	if (i < tokens.length) throw new ClauseError(tokens[i] === ')' ? 'Unbalanced parentheses in the topic specification.' : `Expected AND or OR before ${JSON.stringify(tokens[i])}.`);
	return tree;
}

function evaluate(clause: Clause, tokens: readonly string[]): boolean {
	switch (clause.t) {
		case 'term':
			return containsPhrase(tokens, clause.phrase);
		case 'not':
			return !evaluate(clause.x, tokens);
		case 'all':
			return clause.xs.every((x) => evaluate(x, tokens));
		case 'any':
			return clause.xs.some((x) => evaluate(x, tokens));
	}
}

function positiveTerms(clause: Clause, negated = false, out: string[][] = []): string[][] {
	if (clause.t === 'term') {
		if (!negated) out.push(clause.phrase);
	} else if (clause.t === 'not') positiveTerms(clause.x, !negated, out);
	else clause.xs.forEach((x) => positiveTerms(x, negated, out));
	return out;
}

/**
 * How well a text matches a topic: 0 when the clause is false; otherwise 0.7 plus up to 0.3 for
 * the share of the clause's (non-negated) terms present, so a fuller match scores higher.
 */
export function clauseScore(clause: Clause, tokens: readonly string[]): number {
	if (!evaluate(clause, tokens)) return 0;
	const terms = positiveTerms(clause);
	const present = terms.filter((p) => containsPhrase(tokens, p)).length;
	return round(0.7 + (terms.length ? (0.3 * present) / terms.length : 0));
}
