/**
 * Text handling of the emulator's deterministic "semantic" matching: lower-cased words, a light
 * stemmer (so "cakes" matches the concept "cake"), stop words, and a small sentiment lexicon.
 */

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
	return text.toLowerCase().match(WORD) ?? [];
}

export function stem(word: string): string {
	if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
	if (word.length > 4 && /(ch|sh|x|z|ss)es$/.test(word)) return word.slice(0, -2);
	if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
	return word;
}

/** Stemmed words, in order. */
export function concepts(text: string): string[] {
	return words(text).map(stem);
}

export const STOP_WORDS = new Set(
	'a an and are as at be been but by did do does for from had has have he her his i if in into is it its me my no nor not of on or our she so than that the their them then there these they this to too us was we were what when which who will with would you your very just also can could should'.split(' '),
);

/** Whether `phrase` (stemmed words) occurs as consecutive words of `tokens`. */
export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
	if (phrase.length === 0) return false;
	outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
		for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
		return true;
	}
	return false;
}

/** Default sentiment lexicon, scores in [-5, 5] as in the documentation's wordlist example. */
export const DEFAULT_WORDLIST: Readonly<Record<string, number>> = {
	superb: 5,
	outstanding: 5,
	excellent: 4,
	amazing: 4,
	love: 4,
	wonderful: 4,
	delicious: 4,
	great: 3,
	fantastic: 4,
	happy: 3,
	perfect: 4,
	good: 2,
	nice: 2,
	friendly: 2,
	fast: 1,
	helpful: 2,
	thank: 2,
	thanks: 2,
	fine: 1,
	ok: 0,
	slow: -2,
	late: -2,
	cold: -1,
	poor: -2,
	bad: -3,
	broken: -3,
	rude: -3,
	dirty: -3,
	disappointed: -3,
	disappointing: -3,
	worst: -5,
	terrible: -4,
	awful: -4,
	horrible: -4,
	hate: -4,
	refund: -1,
	never: -1,
};

export interface Lexicon {
	entries: Array<{ phrase: string[]; score: number }>;
}

export function compileLexicon(wordlist: Readonly<Record<string, number>>): Lexicon {
	return { entries: Object.entries(wordlist).map(([phrase, score]) => ({ phrase: concepts(phrase), score })) };
}

export const DEFAULT_LEXICON = compileLexicon(DEFAULT_WORDLIST);

/**
 * Sentiment in [-1, 1]: the mean score of the lexicon entries found in the text, divided by 5.
 * `undefined` when no entry occurs.
 */
export function sentimentOf(tokens: readonly string[], lexicon: Lexicon = DEFAULT_LEXICON): number | undefined {
	let sum = 0;
	let found = 0;
	for (const { phrase, score } of lexicon.entries) {
		if (containsPhrase(tokens, phrase)) {
			sum += score;
			found++;
		}
	}
	return found === 0 ? undefined : round(sum / found / 5);
}

export function round(value: number, digits = 4): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}
