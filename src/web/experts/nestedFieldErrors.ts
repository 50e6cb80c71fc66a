import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the server's field errors on a form whose fields may be nested lists
 * (`formerEmployers.0.unit` → ['formerEmployers', 0, 'unit']). Returns the messages
 * whose top-level field is not one of `knownFields`, for an Alert.
 */
export function applyNestedFieldErrors(form: FormInstance, error: unknown, knownFields: readonly string[]): string[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) return [];
  const unmatched: string[] = [];
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of error.fields) {
    const path = f.field.replace(/^body\./, '').split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
    if (typeof path[0] !== 'string' || !knownFields.includes(path[0])) {
      unmatched.push(f.message ? `${f.field}：${f.message}` : f.field);
      continue;
    }
    // An error on one tag of a tag list belongs to the list's field.
    const name = typeof path[path.length - 1] === 'number' && path.length === 2 ? [path[0]] : path;
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message || error.message);
    byName.set(key, entry);
  }
  form.setFields([...byName.values()]);
  return unmatched;
}
