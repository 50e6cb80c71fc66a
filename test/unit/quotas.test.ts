import { describe, expect, it } from 'vitest';
import { validateList, type ListEntry } from '../../src/domain/quotas/index.js';
import { loadProfile } from './support/profiles.js';

const quotas = loadProfile('linyi-2017').quotas;
const entries = (n: number, kind: ListEntry['kind'], category: ListEntry['category'], prefix = `${kind}-${category}`): ListEntry[] =>
  Array.from({ length: n }, (_, i) => ({ applicationId: `${prefix}-${i}`, kind, category }));

describe('validateList (Art. 2 quotas, at most) [Art.2]', () => {
  it('an empty list and a full list both pass', () => {
    expect(validateList([], quotas)).toEqual({ ok: true, breaches: [], duplicates: [] });
    const full = [...entries(5, 'unit', 'award'), ...entries(3, 'individual', 'award'), ...entries(5, 'unit', 'nomination'), ...entries(5, 'individual', 'nomination')];
    expect(validateList(full, quotas).ok).toBe(true);
  });

  it('one over is a breach', () => {
    const r = validateList(entries(4, 'individual', 'award'), quotas);
    expect(r.breaches).toEqual([
      { category: 'award', kind: 'individual', limit: 3, actual: 4, message: '市长质量奖个人名额至多 3 名，名单中有 4 名，超出 1 名' },
    ]);
  });

  it('returns every breach and every duplicate', () => {
    const list = [
      ...entries(6, 'unit', 'award'),
      ...entries(6, 'individual', 'nomination'),
      { applicationId: 'unit-award-0', kind: 'unit' as const, category: 'nomination' as const },
    ];
    const r = validateList(list, quotas);
    expect(r.ok).toBe(false);
    expect(r.breaches.map((b) => [b.category, b.kind, b.limit, b.actual])).toEqual([
      ['award', 'unit', 5, 6],
      ['nomination', 'individual', 5, 6],
    ]);
    expect(r.duplicates).toEqual([{ applicationId: 'unit-award-0', count: 2, message: expect.stringContaining('出现 2 次') }]);
  });
});
