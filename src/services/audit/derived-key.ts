import { createHmac } from 'node:crypto';
import type { AppConfig } from '../../config.js';
import { loadOrCreateWitnessKey } from './witness.js';

/**
 * A key for one purpose, derived from the audit witness key (which lives outside the
 * database, 0600) with a purpose label: a stolen database cannot forge what it signs, and
 * no two purposes ever share a key directly.
 */
const derived = new Map<string, Buffer>();

export function derivedKey(config: Pick<AppConfig, 'audit'>, purpose: string): Buffer {
  const id = `${config.audit.keyFile}\u0000${purpose}`;
  const cached = derived.get(id);
  if (cached) return cached;
  const key = createHmac('sha256', loadOrCreateWitnessKey(config.audit.keyFile)).update(purpose).digest();
  derived.set(id, key);
  return key;
}
