/**
 * The rows of an audit record's before/after shown side by side: one row per key of either
 * side, `changed` when the two values differ (deep, key order ignored). A side that is not an
 * object is shown as a single row keyed '（值）'.
 */
export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (isObject(a) && isObject(b)) return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => same(a[k] ?? null, b[k] ?? null));
  return false;
}

export const VALUE_KEY = '（值）';

export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = before ?? null;
  const a = after ?? null;
  if ((b === null || isObject(b)) && (a === null || isObject(a))) {
    const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
    return keys.map((key) => {
      const old = b?.[key] ?? null;
      const now = a?.[key] ?? null;
      return { key, before: b ? old : undefined, after: a ? now : undefined, changed: !same(old, now) };
    });
  }
  return [{ key: VALUE_KEY, before: b, after: a, changed: !same(b, a) }];
}
