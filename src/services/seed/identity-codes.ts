import { creditCodeCheckChar, idNumberCheckDigit } from '../../domain/identity/index.js';

/**
 * Valid identity codes for made-up applicants (demo, benchmarks): the check character is
 * computed, so the codes pass the same validation as a real registration.
 */

/** A unified social credit code: enterprise (91), Linyi district `area`, a running number `n`. */
export function creditCode(n: number, area = '371302'): string {
  const first17 = `91${area}MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/** A resident ID number born on `birth` (YYYYMMDD) in district `area`; `n` is the sequence (0–999, odd for men). */
export function idNumber(n: number, birth: string, area = '371302'): string {
  const first17 = `${area}${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}
