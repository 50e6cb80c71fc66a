import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A certificate's serial (Art. 19): readable and SIGNED, so it cannot be guessed or enumerated.
 * `LY-2026-AU-003-<10 base32 chars>`: the city's prefix (the profile's, Linyi's LY by default), the edition's year, the category
 * (AU award, NO nomination), the certificate's number in that category of the edition, then the
 * first 50 bits of HMAC-SHA256(key, body) in RFC 4648 base32. Anyone may read the body; only
 * the key's holder can make the tail, so a serial with any character changed fails the check
 * before the database is ever asked.
 */
export const SIGNATURE_LENGTH = 10;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export type CertificateCategory = 'award' | 'nomination';
const CATEGORY_CODE: Record<CertificateCategory, string> = { award: 'AU', nomination: 'NO' };

const SERIAL = /^([A-Z]{2})-(\d{4})-(AU|NO)-(\d{3,6})-([A-Z2-7]{10})$/;
/** Longer input is refused at once, without any work that depends on its content. */
export const SERIAL_MAX_LENGTH = 40;

export interface SerialParts {
  /** Two capital letters naming the city; the signature covers it, so it cannot be swapped. */
  prefix: string;
  year: number;
  category: CertificateCategory;
  sequence: number;
}

export function serialBody(parts: SerialParts): string {
  return `${parts.prefix}-${parts.year}-${CATEGORY_CODE[parts.category]}-${String(parts.sequence).padStart(3, '0')}`;
}

function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

export function serialSignature(key: Uint8Array, body: string): string {
  return base32(createHmac('sha256', key).update(body).digest(), SIGNATURE_LENGTH);
}

export function signSerial(key: Uint8Array, parts: SerialParts): string {
  const body = serialBody(parts);
  return `${body}-${serialSignature(key, body)}`;
}

/**
 * The serial's parts when its shape and signature are right, else null. The signature is
 * compared in constant time; callers look the serial up only after this says yes.
 */
export function verifySerial(key: Uint8Array, serial: string): SerialParts | null {
  if (serial.length > SERIAL_MAX_LENGTH) return null;
  const match = SERIAL.exec(serial);
  if (!match) return null;
  const body = serial.slice(0, serial.length - SIGNATURE_LENGTH - 1);
  const expected = Buffer.from(serialSignature(key, body), 'ascii');
  const given = Buffer.from(match[5], 'ascii');
  if (!timingSafeEqual(expected, given)) return null;
  return { prefix: match[1], year: Number(match[2]), category: match[3] === 'AU' ? 'award' : 'nomination', sequence: Number(match[4]) };
}
