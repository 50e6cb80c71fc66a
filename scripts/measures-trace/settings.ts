/**
 * Profile settings named by the article table: whether a path exists in the rule profile
 * schema, which file defines it, and what each shipped profile chooses (defaults filled in
 * for the optional sections, as the services fill them in).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DECISION_SETTINGS } from '../../src/domain/profile/decision-settings.js';
import { ruleProfileSchema } from '../../src/domain/profile/schema.js';
import { DEFAULT_SUPERVISION_SETTINGS } from '../../src/domain/profile/supervision-settings.js';
import { DEFAULT_TECHNICAL_SETTINGS } from '../../src/domain/profile/technical-settings.js';

export const PROFILES_DIR = 'resources/profiles';

/** Optional profile sections and the defaults the services use when a profile leaves them out. */
const DEFAULTS: Record<string, unknown> = {
  decision: DEFAULT_DECISION_SETTINGS,
  technicalReview: DEFAULT_TECHNICAL_SETTINGS,
  supervision: DEFAULT_SUPERVISION_SETTINGS,
};

const DEFINED_IN: Record<string, string> = {
  decision: 'src/domain/profile/decision-settings.ts',
  technicalReview: 'src/domain/profile/technical-settings.ts',
  supervision: 'src/domain/profile/supervision-settings.ts',
};

/** The source file whose schema defines the setting. */
export function settingSource(path: string): string {
  return DEFINED_IN[path.split('.')[0]] ?? 'src/domain/profile/schema.ts';
}

/** Whether the dotted path names a field of the rule profile schema. */
export function settingExists(path: string): boolean {
  let schema: z.ZodType = ruleProfileSchema;
  for (const key of path.split('.')) {
    while (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) schema = schema.unwrap() as z.ZodType;
    if (!(schema instanceof z.ZodObject)) return false;
    const next = (schema.shape as Record<string, z.ZodType | undefined>)[key];
    if (!next) return false;
    schema = next;
  }
  return true;
}

export interface ShippedProfile {
  code: string;
  data: Record<string, unknown>;
}

/** The profiles under resources/profiles and its examples/ folder (another city's Measures), by code. */
export function loadShippedProfiles(root: string): ShippedProfile[] {
  const inFolder = (folder: string) => {
    try {
      return readdirSync(resolve(root, folder)).filter((name) => name.endsWith('.json')).sort().map((name) => `${folder}/${name}`);
    } catch {
      return [];
    }
  };
  return [...inFolder(PROFILES_DIR), ...inFolder(`${PROFILES_DIR}/examples`)]
    .map((file) => {
      const name = file.slice(file.lastIndexOf('/') + 1);
      const data = JSON.parse(readFileSync(resolve(root, file), 'utf8')) as Record<string, unknown>;
      return { code: typeof data.code === 'string' ? data.code : name.replace(/\.json$/, ''), data };
    });
}

/** The value a profile gives the setting, and whether it came from the defaults. */
export function settingValue(profile: Record<string, unknown>, path: string): { value: unknown; fromDefault: boolean } {
  const [head, ...rest] = path.split('.');
  let fromDefault = false;
  let value: unknown = profile[head];
  if (value === undefined && head in DEFAULTS) {
    value = DEFAULTS[head];
    fromDefault = true;
  }
  for (const key of rest) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return { value, fromDefault };
}

const MAX_INLINE = 120;

/** A short reading of a setting's value for a table cell. */
export function formatSettingValue(value: unknown): string {
  if (value === undefined) return '（未设）';
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 24)}…（共 ${value.length} 字）` : value;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return value.map(String).join(', ') || '（空）';
    return `${value.length} 项`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const json = JSON.stringify(value);
    if (json.length <= MAX_INLINE) return json;
    if (typeof record.code === 'string') return `${record.code}${typeof record.total === 'number' ? `（${record.total} 分）` : ''}`;
    return `{${Object.keys(record).join(', ')}}`;
  }
  return String(value);
}
