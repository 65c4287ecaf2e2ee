import { base64urlnopad } from '@scure/base';
import { MsezError } from '../core/index.js';

// ## base58btc

/**
 * base58btc with the Bitcoin alphabet (crypto.md §3): each leading 0x00 byte is one `1`, the rest is the
 * big-endian number in base 58. Hand-rolled because it sits on the signing and verifying path of both
 * proof suites (`proofValue`, did:key): @scure/base's generic radix conversion moves one digit at a time
 * and costs about twice as much for a 64-byte signature. `encoding.test.ts` checks it against @scure/base.
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT_OF[ALPHABET.charCodeAt(i)] = i;
/** Five base-58 digits per limb: 58^5 < 2^30, so limb·2^16 + carry stays an exact double (< 2^53). */
const LIMB = 58 ** 5;
/** log(256) / log(58): base-58 digits per byte. */
const DIGITS_PER_BYTE = 1.3657;

export function toBase58btc(bytes: Uint8Array): string {
  const n = bytes.length;
  let zeros = 0;
  while (zeros < n && bytes[zeros] === 0) zeros++;
  // Little-endian limbs in base 58^5; two input bytes are folded in per step.
  const limbs: number[] = new Array<number>(Math.ceil(((n - zeros) * DIGITS_PER_BYTE) / 5) + 1).fill(0);
  let used = 0;
  let i = zeros;
  const mulAdd = (mul: number, add: number): void => {
    let carry = add;
    for (let j = 0; j < used; j++) {
      const x = (limbs[j] as number) * mul + carry;
      carry = Math.floor(x / LIMB);
      limbs[j] = x - carry * LIMB;
    }
    while (carry > 0) {
      const q = Math.floor(carry / LIMB);
      limbs[used++] = carry - q * LIMB;
      carry = q;
    }
  };
  if ((n - i) % 2 === 1) mulAdd(256, bytes[i++] as number);
  for (; i < n; i += 2) mulAdd(65536, (bytes[i] as number) * 256 + (bytes[i + 1] as number));
  const out = new Uint8Array(zeros + used * 5);
  let p = out.length;
  for (let j = 0; j < used; j++) {
    let x = limbs[j] as number;
    const top = j === used - 1;
    // Inner limbs are zero-padded to five digits; the top limb carries no leading zeros.
    for (let k = 0; k < 5 && (!top || x > 0); k++) {
      const q = Math.floor(x / 58);
      out[--p] = CODES[x - q * 58] as number;
      x = q;
    }
  }
  for (let z = 0; z < zeros; z++) out[--p] = 0x31;
  return Buffer.from(out.buffer, p, out.length - p).toString('latin1');
}

/** @throws MsezError USAGE on a character outside the base58btc alphabet */
export function fromBase58btc(text: string, what = 'base58btc value'): Uint8Array {
  const n = text.length;
  let zeros = 0;
  while (zeros < n && text.charCodeAt(zeros) === 0x31) zeros++;
  // Little-endian limbs in base 2^16; up to five digits (one factor of at most 58^5) are folded in per step.
  const limbs: number[] = [];
  let i = zeros;
  let chunk = (n - zeros) % 5 || 5;
  while (i < n) {
    let add = 0;
    let mul = 1;
    for (const end = i + chunk; i < end; i++) {
      const c = text.charCodeAt(i);
      const d = c < 128 ? (DIGIT_OF[c] as number) : -1;
      if (d < 0) throw new MsezError('USAGE', `${what}: not valid base58btc (character ${JSON.stringify(text[i])})`);
      add = add * 58 + d;
      mul *= 58;
    }
    chunk = 5;
    let carry = add;
    for (let j = 0; j < limbs.length; j++) {
      const x = (limbs[j] as number) * mul + carry;
      carry = Math.floor(x / 65536);
      limbs[j] = x - carry * 65536;
    }
    while (carry > 0) {
      limbs.push(carry % 65536);
      carry = Math.floor(carry / 65536);
    }
  }
  const top = limbs.length > 0 && (limbs[limbs.length - 1] as number) < 256 ? 1 : 0;
  const out = new Uint8Array(zeros + limbs.length * 2 - top);
  let p = out.length;
  for (let j = 0; j < limbs.length; j++) {
    const x = limbs[j] as number;
    out[--p] = x & 0xff;
    if (p > zeros) out[--p] = x >>> 8;
  }
  return out;
}

// ## base64url

/**
 * Unpadded base64url (RFC 4648 §5), as used for `jws` and JWK members. Encoding goes through Buffer
 * (native, same output); decoding stays with @scure/base, which refuses what Buffer would silently skip.
 */
export function toBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

export function fromBase64url(text: string, what = 'base64url value'): Uint8Array {
  try {
    return base64urlnopad.decode(text);
  } catch (cause) {
    throw new MsezError('USAGE', `${what}: not valid unpadded base64url`, {}, { cause });
  }
}
