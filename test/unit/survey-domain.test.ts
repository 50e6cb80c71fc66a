import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECISION_SETTINGS, RESPONDENT_GROUPS, type RespondentGroup } from '../../src/domain/profile/decision-settings.js';
import { CODE_ALPHABET, codeFromBytes, normaliseCode, surveyLink } from '../../src/domain/survey/codes.js';
import { answerPoints, answerProblems, candidateScore, groupScore, responseRate, scaleLabels, surveyScore } from '../../src/domain/survey/score.js';

const weights = DEFAULT_DECISION_SETTINGS.survey.groupWeights;

describe('survey codes', () => {
  it('makes 10 unambiguous characters in two groups from 10 random bytes', () => {
    expect(codeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 31, 32, 33, 255, 18]))).toBe('01234-Z01ZJ');
    expect(() => codeFromBytes(new Uint8Array(9))).toThrow();
  });

  it('reads back what a respondent types: case, spaces, dashes, and I/L/O for 1/1/0', () => {
    expect(normaliseCode('01234-z01zj')).toBe('01234Z01ZJ');
    expect(normaliseCode(' o1234 z  o1zj ')).toBe('01234Z01ZJ');
    expect(normaliseCode('Ol234-ZOIZJ')).toBe('01234Z01ZJ');
    expect(normaliseCode('01234—Z01ZJ')).toBe('01234Z01ZJ');
  });

  it('refuses what cannot be a code', () => {
    expect(normaliseCode('')).toBeNull();
    expect(normaliseCode('01234-Z01Z')).toBeNull();
    expect(normaliseCode('01234-Z01ZJK')).toBeNull();
    expect(normaliseCode('01234-Z01ZU')).toBeNull(); // U is not in Crockford's alphabet
    expect(normaliseCode('01234-Z01Z测')).toBeNull();
  });

  it('property: every generated code survives lower-casing, spacing and dashes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.boolean(), (bytes, lower) => {
        const code = codeFromBytes(bytes);
        expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
        const canonical = code.replace('-', '');
        for (const ch of canonical) expect(CODE_ALPHABET).toContain(ch);
        const typed = (lower ? code.toLowerCase() : code).split('').join(' ');
        expect(normaliseCode(typed)).toBe(canonical);
      }),
    );
  });

  it('links to the public page with the code', () => {
    expect(surveyLink('01234-Z01ZJ')).toBe('/survey?code=01234-Z01ZJ');
  });
});

describe('survey score', () => {
  it('maps 1..scale onto 0..100', () => {
    expect(answerPoints(1, 5)).toBe(0);
    expect(answerPoints(5, 5)).toBe(100);
    expect(answerPoints(4, 5)).toBe(75);
    expect(answerPoints(2, 3)).toBe(50);
  });

  it('averages every answer of a group', () => {
    expect(groupScore([[5, 5], [1, 3]], 5)).toBe(62.5);
    expect(groupScore([], 5)).toBeNull();
  });

  it('weights the groups and re-normalises over those with responses [Art.16]', () => {
    expect(candidateScore({ customer: 80, employee: 60, public: 40 }, weights)).toBeCloseTo(0.5 * 80 + 0.25 * 60 + 0.25 * 40);
    // No public responses: customer 0.5 and employee 0.25 become 2/3 and 1/3.
    expect(candidateScore({ customer: 90, employee: 60, public: null }, weights)).toBeCloseTo(80);
    expect(candidateScore({}, weights)).toBeNull();
    expect(candidateScore({ customer: 100, employee: 0 }, { customer: 0, employee: 1, public: 0 })).toBe(0);
  });

  it('property: the score lies between the lowest and the highest group score with responses', () => {
    const group = fc.option(fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }), { maxLength: 6 }), { nil: undefined });
    fc.assert(
      fc.property(group, group, group, (customer, employee, publicGroup) => {
        const byGroup: Partial<Record<RespondentGroup, number[][]>> = { customer, employee, public: publicGroup };
        const score = surveyScore(byGroup, 5, weights);
        const present = RESPONDENT_GROUPS.map((g) => groupScore(byGroup[g] ?? [], 5)).filter((s): s is number => s !== null);
        if (present.length === 0) {
          expect(score).toBeNull();
          return;
        }
        expect(score).not.toBeNull();
        expect(score!).toBeGreaterThanOrEqual(Math.min(...present) - 1e-9);
        expect(score!).toBeLessThanOrEqual(Math.max(...present) + 1e-9);
        // Unanimous answers give exactly that answer's points, whatever the weights.
        if (present.every((s) => s === present[0])) expect(score!).toBeCloseTo(present[0]);
      }),
    );
  });

  it('property: adding a group with the same score as the current one leaves the score unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (answer, n, m) => {
        const only = surveyScore({ customer: Array.from({ length: n }, () => [answer]) }, 5, weights);
        const both = surveyScore({ customer: Array.from({ length: n }, () => [answer]), public: Array.from({ length: m }, () => [answer]) }, 5, weights);
        expect(both).toBeCloseTo(only!);
        expect(only).toBeCloseTo(answerPoints(answer, 5));
      }),
    );
  });

  it('rates responses per code issued', () => {
    expect(responseRate(3, 12)).toBe(0.25);
    expect(responseRate(0, 0)).toBeNull();
  });

  it('checks an answer sheet: every question, integers within the scale', () => {
    expect(answerProblems([1, 5, 3], 3, 5)).toEqual([]);
    expect(answerProblems([1, 5], 3, 5)[0].field).toBe('answers');
    expect(answerProblems([0, 6, 2.5], 3, 5).map((p) => p.field)).toEqual(['answers.0', 'answers.1', 'answers.2']);
  });

  it('labels the five-point scale in words', () => {
    expect(scaleLabels(5)[0]).toBe('非常不满意');
    expect(scaleLabels(5)[4]).toBe('非常满意');
    expect(scaleLabels(7)).toHaveLength(7);
  });
});
