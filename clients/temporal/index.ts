export * from './client';
export * from './jobs';
export * from './payloads';
export * from './routes';
export * from './types';
export { parseKeyRing, type KeyRing } from './payloadCrypto';
