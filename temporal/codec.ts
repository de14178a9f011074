import type { Payload, PayloadCodec } from '@temporalio/common';
import { decryptPayload, encryptPayload, parseKeyRing, type KeyRing } from '../clients/temporal/payloadCrypto';

/** Temporal PayloadCodec encrypting every payload with AES-256-GCM (see payloadCrypto). */
export class EncryptionCodec implements PayloadCodec {
	constructor(private readonly ring: KeyRing) {}

	static fromSpec(spec: string): EncryptionCodec {
		return new EncryptionCodec(parseKeyRing(spec));
	}

	async encode(payloads: Payload[]): Promise<Payload[]> {
		return payloads.map((p) => encryptPayload(p, this.ring) as Payload);
	}

	async decode(payloads: Payload[]): Promise<Payload[]> {
		return payloads.map((p) => decryptPayload(p, this.ring) as Payload);
	}
}
