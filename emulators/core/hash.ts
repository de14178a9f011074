/** 32-bit FNV-1a hash of a string's UTF-16 code units: fast, stable and dependency free. */
export function fnv1a32(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** Maps a string deterministically to a number in [0, 1). */
export function unitHash(text: string): number {
	return fnv1a32(text) / 0x1_0000_0000;
}
