import { checkTopicClause, parseTopicClause } from '../../clients/luminoso';

// Every valid example of the Compass documentation (topic syntax section and the sample classifier).
const DOC_VALID = [
	'coffee OR tea',
	'chips AND dip',
	'card AND (debit OR credit)',
	'(bagel AND (schmear OR cream cheese)) OR oatmeal',
	'coffee OR tea OR water OR soda',
	'drink coffee AND NOT latte',
	'(ale OR beer) AND NOT porter',
	'ale OR (beer AND NOT porter)',
	'bagel AND (schmear OR cream cheese)',
	'drink AND coffee AND NOT latte',
	'falafel OR chickpea fritter sandwich',
	'cake OR pie OR ice cream',
];

describe('topic syntax', () => {
	test.each(DOC_VALID)('the documented example "%s" is valid', (clause) => {
		expect(checkTopicClause(clause)).toBeUndefined();
	});

	test('the tree follows the parentheses', () => {
		expect(parseTopicClause('(ale OR beer) AND NOT porter').tree).toEqual({
			kind: 'and',
			operands: [
				{ kind: 'or', operands: [{ kind: 'term', words: ['ale'] }, { kind: 'term', words: ['beer'] }] },
				{ kind: 'not', operand: { kind: 'term', words: ['porter'] } },
			],
		});
		expect(parseTopicClause('drink coffee AND NOT latte').tree).toEqual({
			kind: 'and',
			operands: [{ kind: 'term', words: ['drink', 'coffee'] }, { kind: 'not', operand: { kind: 'term', words: ['latte'] } }],
		});
	});

	test('the documented ambiguous clause is rejected, pointing at the operator that changes, with both readings', () => {
		expect(checkTopicClause('ale OR beer AND NOT porter')).toBe(
			'is ambiguous: "OR" and "AND" are mixed without parentheses; use parentheses whenever you change operators, e.g. "(ale OR beer) AND NOT porter" or "ale OR (beer AND NOT porter)" (at character 13: ale OR beer >>AND<< NOT porter)',
		);
	});

	test('an ambiguous clause inside parentheses is rejected too', () => {
		expect(checkTopicClause('card AND (debit OR credit AND visa)')).toBe(
			'is ambiguous: "OR" and "AND" are mixed without parentheses; use parentheses whenever you change operators, e.g. "card AND ((debit OR credit) AND visa)" or "card AND (debit OR (credit AND visa))" (at character 27: card AND (debit OR credit >>AND<< visa))',
		);
	});

	test.each([
		['coffee, tea', 'contains punctuation, ",": a topic may only contain words, spaces, parentheses and the operators AND, OR, NOT (at character 7: coffee>>,<< tea)'],
		['"cream cheese" OR butter', 'contains punctuation, a quotation mark ("): a topic may only contain words, spaces, parentheses and the operators AND, OR, NOT (at character 1: >>"<<cream cheese" OR butter)'],
		["don't OR won't", "contains punctuation, an apostrophe ('): a topic may only contain words, spaces, parentheses and the operators AND, OR, NOT (at character 4: don>>'<<t OR won't)"],
		['coffee OR tea!', 'contains punctuation, "!": a topic may only contain words, spaces, parentheses and the operators AND, OR, NOT (at character 14: coffee OR tea>>!<<)'],
		['gluten-free AND bread', 'contains punctuation, "-": a topic may only contain words, spaces, parentheses and the operators AND, OR, NOT (at character 7: gluten>>-<<free AND bread)'],
	])('punctuation is rejected: %s', (clause, message) => {
		expect(checkTopicClause(clause)).toBe(message);
	});

	test.each([
		['coffee Or tea', /"Or" looks like an operator: operators must be written in upper case \(OR\) \(at character 8/],
		['', /^is empty/],
		['   ', /^is empty/],
		['AND coffee', /^starts with "AND": a word or phrase must come before it \(at character 1/],
		['coffee OR', /^ends after "OR": a word or phrase must follow it/],
		['coffee OR AND tea', /^has "AND" right after "OR"/],
		['(coffee OR tea', /^has a "\(" that is never closed \(at character 1/],
		['coffee OR tea)', /^has a "\)" without a matching "\(" \(at character 14/],
		['coffee ()', /needs an operator \(AND, OR\) between "coffee" and "\("/],
		['() OR tea', /^has empty parentheses/],
		['(coffee OR tea) milk', /needs an operator \(AND, OR\) between "\)" and "milk" \(at character 17/],
		['coffee NOT tea', /needs an operator \(AND, OR\) between "coffee" and "NOT"/],
		['NOT NOT tea', /^has "NOT NOT"/],
	])('malformed: %j', (clause, pattern) => {
		expect(checkTopicClause(clause)).toMatch(pattern);
	});

	test('lower-case words that spell operators are ordinary words of a phrase', () => {
		expect(checkTopicClause('fish and chips OR burger')).toBeUndefined();
	});
});
