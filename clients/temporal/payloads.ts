import { decryptPayload, encryptPayload, isEncrypted, parseKeyRing, type KeyRing, type RawPayload } from './payloadCrypto';

/**
 * Temporal payloads as the HTTP API carries them in its canonical (no-shorthand) JSON form:
 * `{ metadata: { <key>: base64 }, data: base64 }`. Values are converted the way the TypeScript
 * SDK's default converter does (JSON as `json/plain`, undefined as `binary/null`), and, when a key
 * ring is configured, encrypted/decrypted with the worker's codec format (payloadCrypto).
 */
export interface WirePayload {
	metadata?: Record<string, string>;
	data?: string;
}

export interface WirePayloads {
	payloads?: WirePayload[];
}

export const JSON_ENCODING = 'json/plain';
const NULL_ENCODING = 'binary/null';
const BINARY_ENCODING = 'binary/plain';
const PROTO_JSON_ENCODING = 'json/protobuf';

export class PayloadError extends Error {
	override readonly name = 'PayloadError';
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromB64 = (text: string | undefined) => new Uint8Array(Buffer.from(text ?? '', 'base64'));
const utf8 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

function toWire(payload: RawPayload): WirePayload {
	const metadata: Record<string, string> = {};
	for (const [k, v] of Object.entries(payload.metadata ?? {})) metadata[k] = b64(v);
	return { metadata, data: b64(payload.data ?? new Uint8Array()) };
}

function fromWire(payload: WirePayload): RawPayload {
	const metadata: Record<string, Uint8Array> = {};
	for (const [k, v] of Object.entries(payload.metadata ?? {})) metadata[k] = fromB64(v);
	return { metadata, data: fromB64(payload.data) };
}

type Settled<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Runs `fn`, returning its value or the reason it threw. */
export function settle<T>(fn: () => T): Settled<T> {
	try {
		return { ok: true, value: fn() };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	}
}

/** Runs `fn`; when it throws, raises a PayloadError with a message built from the reason. */
function attempt<T>(fn: () => T, message: (reason: string) => string): T {
	const outcome = settle(fn);
	if (!outcome.ok) throw new PayloadError(message(outcome.reason));
	return outcome.value;
}

/** Converts values to and from payloads; encrypts when it has a key ring. */
export class PayloadConverter {
	readonly ring?: KeyRing;

	/** `keys`: a key ring, or its `<id>:<base64 32 bytes>[,<id>:<key>...]` spec; empty = no encryption. */
	constructor(keys?: KeyRing | string) {
		this.ring = typeof keys === 'string' ? (keys.trim() ? parseKeyRing(keys) : undefined) : keys;
	}

	get encrypts(): boolean {
		return this.ring !== undefined;
	}

	/** A plain JSON payload, never encrypted (search attributes must stay readable by the server). */
	static plain(value: unknown, extraMetadata: Record<string, string> = {}): WirePayload {
		const metadata: Record<string, string> = { encoding: b64(Buffer.from(JSON_ENCODING)) };
		for (const [k, v] of Object.entries(extraMetadata)) metadata[k] = b64(Buffer.from(v));
		return { metadata, data: b64(Buffer.from(JSON.stringify(value))) };
	}

	/** One value as a payload (encrypted when a key ring is set). */
	encode(value: unknown): WirePayload {
		const raw: RawPayload =
			value === undefined
				? { metadata: { encoding: Buffer.from(NULL_ENCODING) }, data: new Uint8Array() }
				: { metadata: { encoding: Buffer.from(JSON_ENCODING) }, data: Buffer.from(JSON.stringify(value)) };
		return toWire(this.ring ? encryptPayload(raw, this.ring) : raw);
	}

	encodeAll(values: readonly unknown[]): WirePayloads | undefined {
		return values.length ? { payloads: values.map((v) => this.encode(v)) } : undefined;
	}

	/** A map of values (memo fields), encrypted like the SDK's codec does for memos. */
	encodeMap(values: Record<string, unknown> | undefined): Record<string, WirePayload> | undefined {
		if (!values || Object.keys(values).length === 0) return undefined;
		return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, this.encode(v)]));
	}

	/** One payload back to a value: JSON parsed, binary as base64 text, null for binary/null. */
	decode(payload: WirePayload | undefined): unknown {
		if (!payload) return null;
		let raw = fromWire(payload);
		if (isEncrypted(raw)) {
			if (!this.ring) {
				const keyId = utf8(raw.metadata?.['encryption-key-id']);
				throw new PayloadError(`The payload is encrypted (key "${keyId}"): add the payload encryption keys to the Temporal credential to read it`);
			}
			raw = attempt(() => decryptPayload(raw, this.ring!), (reason) => `Cannot decrypt a payload: ${reason}`);
		}
		const encoding = utf8(raw.metadata?.encoding);
		if (encoding === NULL_ENCODING) return null;
		if (encoding === JSON_ENCODING || encoding === PROTO_JSON_ENCODING) {
			const text = utf8(raw.data);
			return attempt(() => JSON.parse(text) as unknown, () => `A ${encoding} payload does not hold valid JSON`);
		}
		if (encoding === BINARY_ENCODING) return b64(raw.data ?? new Uint8Array());
		throw new PayloadError(`Unsupported payload encoding "${encoding || '(none)'}"`);
	}

	/** The first value of a payload list (results, query answers have one). */
	decodeFirst(payloads: WirePayloads | undefined): unknown {
		return this.decode(payloads?.payloads?.[0]);
	}

	decodeAll(payloads: WirePayloads | undefined): unknown[] {
		return (payloads?.payloads ?? []).map((p) => this.decode(p));
	}

	/** Decodes a memo or search attribute map; a field that cannot be read is reported, not thrown. */
	decodeMap(fields: Record<string, WirePayload> | undefined): Record<string, unknown> {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(fields ?? {})) {
			const outcome = settle(() => this.decode(v));
			out[k] = outcome.ok ? outcome.value : { unreadable: outcome.reason };
		}
		return out;
	}
}

/** Whether a wire payload is encrypted (without decrypting it). */
export function isEncryptedWire(payload: WirePayload): boolean {
	return isEncrypted(fromWire(payload));
}

/** The plaintext bytes of a wire payload's data as UTF-8, for inspection (tests, debugging). */
export function wireDataText(payload: WirePayload): string {
	return utf8(fromB64(payload.data));
}
