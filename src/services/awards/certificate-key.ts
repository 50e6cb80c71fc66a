import { createHmac } from 'node:crypto';
import type { AppConfig } from '../../config.js';
import { loadOrCreateWitnessKey } from '../audit/witness.js';

/**
 * The key that signs certificate serials, derived from the audit witness key (which already
 * lives outside the database, 0600) with a purpose label: a stolen database cannot mint a
 * serial, and the witness MAC and the serial signature never share a key directly.
 */
const PURPOSE = 'mqa/certificate-serial/v1';
const derived = new Map<string, Buffer>();

export function certificateKey(config: Pick<AppConfig, 'audit'>): Buffer {
  const cached = derived.get(config.audit.keyFile);
  if (cached) return cached;
  const key = createHmac('sha256', loadOrCreateWitnessKey(config.audit.keyFile)).update(PURPOSE).digest();
  derived.set(config.audit.keyFile, key);
  return key;
}
