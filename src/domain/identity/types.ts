/** Result of an identity check: ok, or a stable code and a Chinese message naming the wrong part. */
export type IdentityCheck = { ok: true } | { ok: false; code: IdentityErrorCode; message: string };

export type IdentityErrorCode =
  | 'empty'
  | 'length'
  | 'illegalCharacter'
  | 'registrationAuthority'
  | 'organisationKind'
  | 'regionCode'
  | 'birthDate'
  | 'checkCharacter';

export function fail(code: IdentityErrorCode, message: string): IdentityCheck {
  return { ok: false, code, message };
}

/** Shows a character readably in a message (spaces and controls as code points). */
export function show(ch: string): string {
  return /^[\x21-\x7e]$/.test(ch) || ch.codePointAt(0)! > 0xff ? ch : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
