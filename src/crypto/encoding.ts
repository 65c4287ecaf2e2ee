import { base58, base64urlnopad } from '@scure/base';
import { MsezError } from '../core/index.js';

/** base58btc with the Bitcoin alphabet (crypto.md §3). */
export function toBase58btc(bytes: Uint8Array): string {
  return base58.encode(bytes);
}

export function fromBase58btc(text: string, what = 'base58btc value'): Uint8Array {
  try {
    return base58.decode(text);
  } catch (cause) {
    throw new MsezError('USAGE', `${what}: not valid base58btc`, {}, { cause });
  }
}

/** Unpadded base64url (RFC 4648 §5), as used for `jws` and JWK members. */
export function toBase64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

export function fromBase64url(text: string, what = 'base64url value'): Uint8Array {
  try {
    return base64urlnopad.decode(text);
  } catch (cause) {
    throw new MsezError('USAGE', `${what}: not valid unpadded base64url`, {}, { cause });
  }
}
