import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM encryption of Temporal payloads, shared by the worker's PayloadCodec and the n8n
 * bridge node (which talks to Temporal's HTTP API and must encrypt what it sends).
 *
 * Wire format of an encrypted payload: metadata `encoding: binary/encrypted` and
 * `encryption-key-id: <id>`; data = 12-byte IV || ciphertext || 16-byte tag. The plaintext is the
 * original payload serialised as JSON `{ metadata: {k: base64}, data: base64 }`, so metadata is
 * encrypted too. Keys rotate by id: new payloads use the first key, old ones decrypt with theirs.
 */

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

export interface KeyRing {
	/** The id new payloads are encrypted with. */
	activeId: string;
	keys: Map<string, Buffer>;
}

/**
 * Parses `id1:base64key[,id0:base64key...]` (first = active). Keys are 32 bytes (base64 of 32
 * random bytes: `openssl rand -base64 32`).
 */
export function parseKeyRing(spec: string): KeyRing {
	const keys = new Map<string, Buffer>();
	let activeId = '';
	for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
		const colon = part.indexOf(':');
		if (colon <= 0) throw new Error('payload keys must look like "<id>:<base64 32-byte key>[,<id>:<key>...]"');
		const id = part.slice(0, colon);
		const key = Buffer.from(part.slice(colon + 1), 'base64');
		if (key.length !== 32) throw new Error(`payload key "${id}" must be 32 bytes (base64 of 32 random bytes), got ${key.length}`);
		keys.set(id, key);
		if (!activeId) activeId = id;
	}
	if (!activeId) throw new Error('no payload encryption key given');
	return { activeId, keys };
}

export interface RawPayload {
	metadata?: Record<string, Uint8Array> | null;
	data?: Uint8Array | null;
}

function serialise(payload: RawPayload): Buffer {
	const metadata: Record<string, string> = {};
	for (const [k, v] of Object.entries(payload.metadata ?? {})) metadata[k] = Buffer.from(v).toString('base64');
	return Buffer.from(JSON.stringify({ metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') }));
}

function deserialise(bytes: Buffer): RawPayload {
	const parsed = JSON.parse(bytes.toString('utf8')) as { metadata: Record<string, string>; data: string };
	const metadata: Record<string, Uint8Array> = {};
	for (const [k, v] of Object.entries(parsed.metadata)) metadata[k] = Buffer.from(v, 'base64');
	return { metadata, data: Buffer.from(parsed.data, 'base64') };
}

export function encryptPayload(payload: RawPayload, ring: KeyRing): RawPayload {
	const key = ring.keys.get(ring.activeId)!;
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const encrypted = Buffer.concat([cipher.update(serialise(payload)), cipher.final()]);
	return {
		metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(ring.activeId) },
		data: Buffer.concat([iv, encrypted, cipher.getAuthTag()]),
	};
}

export function isEncrypted(payload: RawPayload): boolean {
	const encoding = payload.metadata?.encoding;
	return !!encoding && Buffer.from(encoding).toString() === ENCRYPTED_ENCODING;
}

/** Decrypts a payload produced by {@link encryptPayload}; other payloads are returned unchanged. */
export function decryptPayload(payload: RawPayload, ring: KeyRing): RawPayload {
	if (!isEncrypted(payload)) return payload;
	const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
	const keyId = keyIdBytes ? Buffer.from(keyIdBytes).toString() : '';
	const key = ring.keys.get(keyId);
	if (!key) throw new Error(`payload was encrypted with key "${keyId}", which this process does not have`);
	const data = Buffer.from(payload.data ?? new Uint8Array());
	const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
	decipher.setAuthTag(data.subarray(data.length - 16));
	return deserialise(Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]));
}
