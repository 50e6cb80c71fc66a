import type { AppConfig } from '../../config.js';
import { derivedKey } from '../audit/derived-key.js';

/** The key that signs certificate serials (a stolen database cannot mint a serial). */
export function certificateKey(config: Pick<AppConfig, 'audit'>): Buffer {
  return derivedKey(config, 'mqa/certificate-serial/v1');
}
