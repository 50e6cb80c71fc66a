/**
 * What an edit changed, for the audit trail: the keys whose value differs, each with its value
 * before and after. Keys sent unchanged (a form's autosave sends the whole form) are left out;
 * a nested object (e.g. the self-evaluation keyed by scoring item) is compared key by key, so
 * one changed item does not copy the others into the record.
 */
export function changedValues(before: Record<string, unknown>, after: Record<string, unknown>, keys: Iterable<string> = new Set([...Object.keys(before), ...Object.keys(after)])): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const result = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of keys) {
    const old = before[key] ?? null;
    const now = after[key] ?? null;
    if (same(old, now)) continue;
    if (isPlainObject(old) && isPlainObject(now)) {
      const inner = changedValues(old, now);
      result.before[key] = inner.before;
      result.after[key] = inner.after;
    } else {
      result.before[key] = old;
      result.after[key] = now;
    }
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values, regardless of key order. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k] ?? null, b[k] ?? null));
  }
  return false;
}
