import { fnv1a32 } from './hash';

export type Seed = number | string;

export const DEFAULT_SEED = 42;

export function seedToUint32(seed: Seed): number {
	return typeof seed === 'number' ? seed >>> 0 : fnv1a32(seed);
}

/** Small seeded PRNG (mulberry32): the same seed gives the same sequence on every run. */
export class Prng {
	private state: number;

	constructor(seed: Seed = DEFAULT_SEED) {
		this.state = seedToUint32(seed);
	}

	nextUint32(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return (t ^ (t >>> 14)) >>> 0;
	}

	/** A number in [0, 1). */
	next(): number {
		return this.nextUint32() / 0x1_0000_0000;
	}

	/** `digits` lowercase hexadecimal characters. */
	hex(digits: number): string {
		let out = '';
		while (out.length < digits) out += this.nextUint32().toString(16).padStart(8, '0');
		return out.slice(0, digits);
	}
}
