import { readFileSync } from 'node:fs';
import { ruleProfileSchema, type RuleProfile } from '../../../src/domain/profile/schema.js';

export function loadProfile(code: 'linyi-2017' | 'linyi-current' | 'example-city-2024'): RuleProfile {
  // The second city's profile is an example (resources/profiles/examples/), not bundled.
  const file = code.startsWith('example-') ? `examples/${code}` : code;
  const url = new URL(`../../../resources/profiles/${file}.json`, import.meta.url);
  return ruleProfileSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}
