/**
 * The one-time codes of the satisfaction survey: 10 characters of Crockford's base32 (no I, L,
 * O or U, so nothing is misread from paper), shown as two groups of five ("7K3QF-M9XRD").
 * 50 random bits: guessing one of even 100 000 issued codes takes ~10^10 tries, and the code
 * lookups are rate-limited per address. The randomness comes from the caller (the service
 * uses node's crypto), so this module stays pure and testable.
 */

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;
/** Random bytes one code consumes (one per character: 256 is a multiple of 32, so no bias). */
export const CODE_RANDOM_BYTES = CODE_LENGTH;

/** The code for `CODE_LENGTH` random bytes, in its display form with a dash between the groups. */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new Error(`a survey code needs ${CODE_LENGTH} random bytes`);
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[bytes[i] & 31];
  return displayCode(raw);
}

/** "7K3QFM9XRD" → "7K3QF-M9XRD". */
export function displayCode(normalised: string): string {
  return `${normalised.slice(0, 5)}-${normalised.slice(5)}`;
}

/**
 * What a respondent typed → the canonical code, or null when it cannot be one: case, spaces and
 * dashes are ignored, and the letters Crockford reads as digits (I, L → 1; O → 0) are mapped.
 */
export function normaliseCode(input: string): string | null {
  const compact = input.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑‒–—_]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (compact.length !== CODE_LENGTH) return null;
  for (const ch of compact) if (!CODE_ALPHABET.includes(ch)) return null;
  return compact;
}

/** The link printed beside each code (relative: the office prefixes its own host when distributing). */
export function surveyLink(code: string): string {
  return `/survey?code=${encodeURIComponent(code)}`;
}
