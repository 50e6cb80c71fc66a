import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueDeviceToken, trustedDevice } from '../../src/services/auth/device-cookie.js';

const config = { audit: { file: '', keyFile: path.join(mkdtempSync(path.join(tmpdir(), 'dev-cookie-')), 'witness.key') } };
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('device tokens', () => {
  it('trusts a genuine token for its own account only', () => {
    const token = issueDeviceToken(config, 'u1', 'device-1');
    expect(trustedDevice(config, token, 'u1')).toBe('device-1');
    expect(trustedDevice(config, token, 'u2')).toBeNull();
    expect(trustedDevice(config, issueDeviceToken(config, 'u2', 'device-1'), 'u1')).toBeNull();
  });

  it('accepts exactly one spelling of the signature', () => {
    // The last base64url character of a 32-byte signature carries 2 spare bits: four spellings
    // decode to the same bytes. Only the one we issued may pass, or tampering goes unseen.
    const token = issueDeviceToken(config, 'u1', 'device-1');
    const accepted = [...BASE64URL].map((c) => `${token.slice(0, -1)}${c}`).filter((t) => trustedDevice(config, t, 'u1') !== null);
    expect(accepted).toEqual([token]);
  });

  it('refuses malformed tokens', () => {
    const token = issueDeviceToken(config, 'u1', 'device-1');
    for (const bad of ['', 'u1', 'u1.device-1', `${token}.x`, `${token}x`, 'x'.repeat(201)]) expect(trustedDevice(config, bad, 'u1')).toBeNull();
  });
});
