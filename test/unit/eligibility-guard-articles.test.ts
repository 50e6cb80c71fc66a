import { describe, expect, it } from 'vitest';
import { GUARDS } from '../../src/domain/lifecycle/guards.js';
import { BASE_CONTEXT } from './support/lifecycle-fixtures.js';

describe('the eligibility guard cites the articles that failed', () => {
  it('an Art. 6 bar cites 第六条, not 第十条、第十二条 [Art.6]', () => {
    const ctx = { ...BASE_CONTEXT, eligibilityFailureCount: 1, eligibilityFailedArticles: ['第六条'] };
    expect(GUARDS.eligibilityPassed.refusal(ctx)).toBe('有 1 项申报条件不符合（第六条）');
    expect(GUARDS.eligibilityPassed.facts).toEqual(['eligibilityFailureCount', 'eligibilityFailedArticles']);
  });
  it('several articles are listed once each, in order', () => {
    const ctx = { ...BASE_CONTEXT, eligibilityFailureCount: 3, eligibilityFailedArticles: ['第三条第一款', '第十条第（五）项', '第三条第一款'] };
    expect(GUARDS.eligibilityPassed.refusal(ctx)).toBe('有 3 项申报条件不符合（第三条第一款、第十条第（五）项）');
  });
});
