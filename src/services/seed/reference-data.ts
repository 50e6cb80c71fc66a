import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleProfileSchema, type RuleProfile } from '../../domain/profile/schema.js';

/** The project's own copies of the reference data (SPEC §10); tests use these. */
// Kept apart from DATA_DIR (./data by default), so wiping the runtime data never touches it.
const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');

export interface AreasFile {
  city: string;
  cityCode: string;
  areas: Array<{ name: string; code?: string; kind: 'district' | 'county' | 'zone' }>;
  departments: string[];
}

export interface IndustryFile {
  sections: Array<{ code: string; name: string; divisions: Array<{ code: string; name: string }> }>;
}

const readJson = <T>(relative: string): T => JSON.parse(fs.readFileSync(path.join(dataDir, relative), 'utf8')) as T;

export const loadAreas = () => readJson<AreasFile>('reference/linyi-areas.json');
export const loadIndustries = () => readJson<IndustryFile>('reference/gbt4754-2017-divisions.json');

/** Every bundled profile, validated; a broken profile file stops the start-up with its problems. */
export function loadBundledProfiles(): RuleProfile[] {
  const folder = path.join(dataDir, 'profiles');
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = ruleProfileSchema.safeParse(readJson(`profiles/${file}`));
      if (!parsed.success) {
        throw new Error(`Invalid rule profile ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      return parsed.data;
    });
}

/**
 * An example profile of resources/profiles/examples/ by its code (the file is named after it), or
 * null when there is none. Examples are not seeded at start-up: another city's Measures would
 * otherwise sit in every installation's list; `demo load --profile <code>` enters one on demand.
 */
export function loadExampleProfile(code: string): RuleProfile | null {
  if (!/^[a-z0-9-]{1,60}$/.test(code)) return null;
  const file = `profiles/examples/${code}.json`;
  if (!fs.existsSync(path.join(dataDir, file))) return null;
  const parsed = ruleProfileSchema.safeParse(readJson(file));
  if (!parsed.success) throw new Error(`Invalid rule profile ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
