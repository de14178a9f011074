/**
 * A small, dependency-free DEFLATE decoder (RFC 1951), enough to read the parts of an XLSX file
 * inside n8n, where community nodes may not load npm packages or node:zlib. Decoding uses
 * canonical Huffman tables with a 9-bit fast lookup. Output is bounded by `expectedSize`.
 */

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const FAST_BITS = 9;

export class InflateError extends Error {
	override readonly name = 'InflateError';
}

interface Huffman {
	/** Number of codes of each length 0..15. */
	counts: Uint16Array;
	/** Symbols ordered by code. */
	symbols: Uint16Array;
	/** For each FAST_BITS-bit (bit-reversed) prefix: symbol << 4 | length, or 0 when longer. */
	fast: Int32Array;
}

function reverseBits(code: number, length: number): number {
	let out = 0;
	for (let i = 0; i < length; i++) {
		out = (out << 1) | (code & 1);
		code >>>= 1;
	}
	return out;
}

function buildHuffman(lengths: ArrayLike<number>, count: number): Huffman {
	const counts = new Uint16Array(16);
	for (let i = 0; i < count; i++) counts[lengths[i]]++;
	counts[0] = 0;
	let left = 1;
	for (let len = 1; len < 16; len++) {
		left = (left << 1) - counts[len];
		if (left < 0) throw new InflateError('invalid Huffman code lengths (over-subscribed)');
	}
	const offsets = new Uint16Array(16);
	for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len] + counts[len];
	const symbols = new Uint16Array(count);
	for (let i = 0; i < count; i++) if (lengths[i] !== 0) symbols[offsets[lengths[i]]++] = i;
	// Fast table: canonical codes up to FAST_BITS long, indexed by their bit-reversed value.
	const fast = new Int32Array(1 << FAST_BITS);
	let code = 0;
	let index = 0;
	for (let len = 1; len <= FAST_BITS; len++) {
		for (let k = 0; k < counts[len]; k++) {
			const symbol = symbols[index++];
			const reversed = reverseBits(code, len);
			for (let fill = reversed; fill < 1 << FAST_BITS; fill += 1 << len) fast[fill] = (symbol << 4) | len;
			code++;
		}
		code <<= 1;
	}
	return { counts, symbols, fast };
}

let fixedTables: { lit: Huffman; dist: Huffman } | undefined;

function fixed(): { lit: Huffman; dist: Huffman } {
	if (!fixedTables) {
		const lit = new Uint8Array(288);
		lit.fill(8, 0, 144);
		lit.fill(9, 144, 256);
		lit.fill(7, 256, 280);
		lit.fill(8, 280, 288);
		fixedTables = { lit: buildHuffman(lit, 288), dist: buildHuffman(new Uint8Array(30).fill(5), 30) };
	}
	return fixedTables;
}

class Inflater {
	private pos = 0;
	private bitBuf = 0;
	private bitCount = 0;
	private out: Uint8Array;
	private outPos = 0;

	constructor(
		private readonly data: Uint8Array,
		private readonly limit: number,
		expectedSize?: number,
	) {
		this.out = new Uint8Array(Math.max(16, Math.min(expectedSize ?? data.length * 4, limit)));
	}

	private need(n: number): void {
		while (this.bitCount < n) {
			// Past the end, feed zeros: a truncated stream fails on its end-of-block check instead.
			const byte = this.pos < this.data.length ? this.data[this.pos] : 0;
			if (this.pos > this.data.length + 4) throw new InflateError('unexpected end of compressed data');
			this.pos++;
			this.bitBuf |= byte << this.bitCount;
			this.bitCount += 8;
		}
	}

	private bits(n: number): number {
		if (n === 0) return 0;
		this.need(n);
		const value = this.bitBuf & ((1 << n) - 1);
		this.bitBuf >>>= n;
		this.bitCount -= n;
		return value;
	}

	private decode(h: Huffman): number {
		this.need(FAST_BITS);
		const entry = h.fast[this.bitBuf & ((1 << FAST_BITS) - 1)];
		if (entry !== 0) {
			const len = entry & 15;
			this.bitBuf >>>= len;
			this.bitCount -= len;
			return entry >> 4;
		}
		// Slow path for long codes: walk the canonical code bit by bit.
		let code = 0;
		let first = 0;
		let index = 0;
		for (let len = 1; len < 16; len++) {
			code |= this.bits(1);
			const count = h.counts[len];
			if (code - count < first) return h.symbols[index + (code - first)];
			index += count;
			first += count;
			first <<= 1;
			code <<= 1;
		}
		throw new InflateError('invalid Huffman code');
	}

	private ensure(extra: number): void {
		const needed = this.outPos + extra;
		if (needed > this.limit) throw new InflateError(`decompressed data exceeds ${this.limit} bytes`);
		if (needed <= this.out.length) return;
		const grown = new Uint8Array(Math.min(this.limit, Math.max(needed, this.out.length * 2)));
		grown.set(this.out.subarray(0, this.outPos));
		this.out = grown;
	}

	run(): Uint8Array {
		let last = 0;
		while (!last) {
			last = this.bits(1);
			const type = this.bits(2);
			if (type === 0) this.stored();
			else if (type === 1) this.block(fixed().lit, fixed().dist);
			else if (type === 2) this.dynamic();
			else throw new InflateError('invalid block type 3');
		}
		return this.out.subarray(0, this.outPos);
	}

	private stored(): void {
		// Drop the bits left in the current byte (and give back whole bytes read ahead), then LEN and NLEN.
		this.pos -= this.bitCount >>> 3;
		this.bitBuf = 0;
		this.bitCount = 0;
		if (this.pos + 4 > this.data.length) throw new InflateError('unexpected end of compressed data');
		const len = this.data[this.pos] | (this.data[this.pos + 1] << 8);
		const nlen = this.data[this.pos + 2] | (this.data[this.pos + 3] << 8);
		this.pos += 4;
		if ((len ^ 0xffff) !== nlen) throw new InflateError('corrupt stored block length');
		if (this.pos + len > this.data.length) throw new InflateError('unexpected end of compressed data');
		this.ensure(len);
		this.out.set(this.data.subarray(this.pos, this.pos + len), this.outPos);
		this.outPos += len;
		this.pos += len;
	}

	private dynamic(): void {
		const hlit = this.bits(5) + 257;
		const hdist = this.bits(5) + 1;
		const hclen = this.bits(4) + 4;
		const codeLengths = new Uint8Array(19);
		for (let i = 0; i < hclen; i++) codeLengths[CODE_LENGTH_ORDER[i]] = this.bits(3);
		const lengthCode = buildHuffman(codeLengths, 19);
		const lengths = new Uint8Array(hlit + hdist);
		for (let i = 0; i < hlit + hdist; ) {
			const symbol = this.decode(lengthCode);
			if (symbol < 16) {
				lengths[i++] = symbol;
				continue;
			}
			let repeat: number;
			let value = 0;
			if (symbol === 16) {
				if (i === 0) throw new InflateError('repeat of a code length with no previous length');
				value = lengths[i - 1];
				repeat = 3 + this.bits(2);
			} else if (symbol === 17) repeat = 3 + this.bits(3);
			else repeat = 11 + this.bits(7);
			if (i + repeat > hlit + hdist) throw new InflateError('too many code lengths');
			lengths.fill(value, i, i + repeat);
			i += repeat;
		}
		if (lengths[256] === 0) throw new InflateError('no end-of-block code');
		this.block(buildHuffman(lengths.subarray(0, hlit), hlit), buildHuffman(lengths.subarray(hlit), hdist));
	}

	private block(lit: Huffman, dist: Huffman): void {
		for (;;) {
			const symbol = this.decode(lit);
			if (symbol < 256) {
				this.ensure(1);
				this.out[this.outPos++] = symbol;
				continue;
			}
			if (symbol === 256) return;
			const li = symbol - 257;
			if (li >= 29) throw new InflateError('invalid length code');
			const length = LENGTH_BASE[li] + this.bits(LENGTH_EXTRA[li]);
			const di = this.decode(dist);
			if (di >= 30) throw new InflateError('invalid distance code');
			const distance = DIST_BASE[di] + this.bits(DIST_EXTRA[di]);
			if (distance > this.outPos) throw new InflateError('distance before the start of the data');
			this.ensure(length);
			const out = this.out;
			let from = this.outPos - distance;
			for (let k = 0; k < length; k++) out[this.outPos++] = out[from++];
		}
	}
}

/** Decompresses raw DEFLATE data (no zlib/gzip header). Throws InflateError beyond `limit` bytes. */
export function inflateRaw(data: Uint8Array, options: { expectedSize?: number; limit?: number } = {}): Uint8Array {
	return new Inflater(data, options.limit ?? 512 * 1024 * 1024, options.expectedSize).run();
}
