import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS } from '../../src/domain/audit/labels.js';
import { diffRows, VALUE_KEY } from '../../src/domain/audit/diff-rows.js';

describe('audit action labels', () => {
  it('name every action of services/audit/actions.ts in Chinese, and nothing else', () => {
    const source = fs.readFileSync(new URL('../../src/services/audit/actions.ts', import.meta.url), 'utf8');
    const actions = [...source.matchAll(/\|\s*'([a-zA-Z.]+)'/g)].map((m) => m[1]);
    expect(actions.length).toBeGreaterThan(60);
    expect(actions.filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([]);
    expect(Object.keys(AUDIT_ACTION_LABELS).filter((a) => !actions.includes(a))).toEqual([]);
    expect(Object.values(AUDIT_ACTION_LABELS).every((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
  });
});

describe('diffRows', () => {
  it('marks the keys whose values differ, deeply and regardless of key order', () => {
    const rows = diffRows({ name: '甲', roles: ['office'], form: { a: 1, b: 2 } }, { name: '乙', roles: ['office'], form: { b: 2, a: 1 }, active: false });
    expect(rows.map((r) => [r.key, r.changed])).toEqual([
      ['name', true],
      ['roles', false],
      ['form', false],
      ['active', true],
    ]);
  });

  it('treats a missing side as empty: every key of a creation is new', () => {
    expect(diffRows(null, { username: 'x' })).toEqual([{ key: 'username', before: undefined, after: 'x', changed: true }]);
    expect(diffRows(undefined, undefined)).toEqual([]);
  });

  it('compares non-object values as one row', () => {
    expect(diffRows([1], [1, 2])).toEqual([{ key: VALUE_KEY, before: [1], after: [1, 2], changed: true }]);
    expect(diffRows('a', 'a')[0].changed).toBe(false);
  });
});
