import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config.js';
import { derivedKey } from '../audit/derived-key.js';

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser
 * that signed in to an account gets a signed token naming the account and a random device id.
 * Failed logins from such a browser count against that device alone, so a stranger guessing
 * an account's password delays every *other* browser but never its owner's: no one can lock
 * an owner out. The token carries no secret of the user; its signature is what counts.
 */
const PURPOSE = 'mqa/login-device/v1';
export const DEVICE_COOKIE = 'dev';
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3600;

function signature(config: Pick<AppConfig, 'audit'>, payload: string): Buffer {
  return createHmac('sha256', derivedKey(config, PURPOSE)).update(payload).digest();
}

/** A token for this account: the same device id when the browser already has one for it. */
export function issueDeviceToken(config: Pick<AppConfig, 'audit'>, userId: string, device = randomBytes(16).toString('base64url')): string {
  const payload = `${userId}.${device}`;
  return `${payload}.${signature(config, payload).toString('base64url')}`;
}

/** The device id of a genuine token issued for `userId`; null for anything else. */
export function trustedDevice(config: Pick<AppConfig, 'audit'>, token: string | undefined, userId: string): string | null {
  if (!token || token.length > 200) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== userId) return null;
  // Compare the text, not the decoded bytes: base64url decoding ignores the last character's
  // spare bits, so several spellings decode to one signature and a tampered token could pass.
  const given = Buffer.from(parts[2]);
  const expected = Buffer.from(signature(config, `${parts[0]}.${parts[1]}`).toString('base64url'));
  return given.length === expected.length && timingSafeEqual(given, expected) ? parts[1] : null;
}
