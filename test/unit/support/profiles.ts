import { readFileSync } from 'node:fs';
import { ruleProfileSchema, type RuleProfile } from '../../../src/domain/profile/schema.js';

export function loadProfile(code: 'linyi-2017' | 'linyi-current'): RuleProfile {
  const url = new URL(`../../../resources/profiles/${code}.json`, import.meta.url);
  return ruleProfileSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}
