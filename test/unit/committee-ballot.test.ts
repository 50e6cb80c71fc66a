import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BALLOT_CHOICES, candidateResults, constitutionProblems, proposedList, tallySheets, type BallotChoice, type CommitteePosition } from '../../src/domain/committee/ballot.js';
import { loadProfile } from './support/profiles.js';

const quotas = loadProfile('linyi-2017').quotas;
const positions = (n: number): CommitteePosition[] => Array.from({ length: n }, (_, i) => (i === 0 ? 'chair' : 'member'));

describe('constitutionProblems (Art. 9)', () => {
  it('refuses an even committee, fewer than three, and anything but one chair [Art.9]', () => {
    expect(constitutionProblems(positions(5))).toEqual({ even: false, problems: [] });
    expect(constitutionProblems(positions(4)).even).toBe(true);
    expect(constitutionProblems(positions(1)).problems).toEqual(['评审委员会至少须有 3 名成员，现有 1 名']);
    expect(constitutionProblems(['member', 'member', 'member']).problems).toEqual(['须指定一名主任']);
    expect(constitutionProblems(['chair', 'chair', 'member']).problems).toEqual(['主任只能有一名，现有 2 名']);
  });
});

describe('candidateResults', () => {
  const members = ['m1', 'm2', 'm3', 'm4', 'm5'];
  const one = (votes: Partial<Record<BallotChoice, number>>, recused: string[] = []) =>
    candidateResults({ memberIds: members, recusals: recused.map((userId) => ({ userId, applicationId: 'a' })), candidates: [{ applicationId: 'a', kind: 'unit' }], tallies: new Map([['a', { award: 0, nomination: 0, neither: 0, ...votes }]]), thresholdShare: 0.5 })[0];

  it('needs more than half of those entitled; a vote for the award counts toward the nomination', () => {
    expect(one({ award: 3 })).toMatchObject({ entitled: 5, needed: 3, outcome: 'award' });
    expect(one({ award: 2, neither: 3 })).toMatchObject({ outcome: 'not_proposed' });
    expect(one({ award: 2, nomination: 1 })).toMatchObject({ outcome: 'nomination' });
    expect(one({ nomination: 2, neither: 3 })).toMatchObject({ outcome: 'not_proposed' });
    // Two recused: 3 entitled, 2 needed.
    expect(one({ award: 2 }, ['m1', 'm2'])).toMatchObject({ entitled: 3, needed: 2, outcome: 'award' });
  });

  it('checks the proposed list against the quotas, vacancies allowed [Art.2]', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ applicationId: `u${i}`, kind: 'unit' as const }));
    const tallies = new Map(six.map((c) => [c.applicationId, { award: 3, nomination: 0, neither: 0 }]));
    const results = candidateResults({ memberIds: members, recusals: [], candidates: six, tallies, thresholdShare: 0.5 });
    expect(proposedList(results, quotas).check.ok).toBe(false);
    expect(proposedList(results.slice(0, 5), quotas).check.ok).toBe(true);
    expect(proposedList([], quotas).list).toEqual([]);
  });

  const scenario = fc.record({
    members: fc.integer({ min: 3, max: 11 }),
    candidates: fc.integer({ min: 1, max: 6 }),
    recusals: fc.array(fc.tuple(fc.nat(10), fc.nat(5)), { maxLength: 12 }),
    choices: fc.array(fc.array(fc.constantFrom(...BALLOT_CHOICES), { minLength: 6, maxLength: 6 }), { minLength: 11, maxLength: 11 }),
    threshold: fc.constantFrom(0.5, 2 / 3),
    seed: fc.integer(),
  });
  const build = (s: { members: number; candidates: number; recusals: [number, number][]; choices: BallotChoice[][] }) => {
    const memberIds = Array.from({ length: s.members }, (_, i) => `m${i}`);
    const candidates = Array.from({ length: s.candidates }, (_, i) => ({ applicationId: `a${i}`, kind: (i % 2 ? 'individual' : 'unit') as 'unit' | 'individual' }));
    const recusals = s.recusals.filter(([m, a]) => m < s.members && a < s.candidates).map(([m, a]) => ({ userId: `m${m}`, applicationId: `a${a}` }));
    const recused = new Set(recusals.map((r) => `${r.userId}/${r.applicationId}`));
    // Each member's sheet covers the candidates they are not recused from.
    const sheets = memberIds.map((m, mi) => Object.fromEntries(candidates.filter((c) => !recused.has(`${m}/${c.applicationId}`)).map((c, ci) => [c.applicationId, s.choices[mi][ci]])));
    return { memberIds, candidates, recusals, sheets, recused };
  };

  it('never depends on the order in which the ballots were cast (property)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { memberIds, candidates, recusals, sheets } = build(s);
        const shuffled = fc.sample(fc.shuffledSubarray(sheets, { minLength: sheets.length, maxLength: sheets.length }), { numRuns: 1, seed: s.seed })[0];
        const run = (order: typeof sheets) => candidateResults({ memberIds, recusals, candidates, tallies: tallySheets(order), thresholdShare: s.threshold });
        expect(run(shuffled)).toEqual(run(sheets));
        expect(run([...sheets].reverse())).toEqual(run(sheets));
      }),
    );
  });

  it('never counts a recused member among those entitled (property) [Art.24]', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { memberIds, candidates, recusals, sheets, recused } = build(s);
        const results = candidateResults({ memberIds, recusals: [...recusals, ...recusals], candidates, tallies: tallySheets(sheets), thresholdShare: s.threshold });
        for (const r of results) {
          const notRecused = memberIds.filter((m) => !recused.has(`${m}/${r.applicationId}`)).length;
          expect(r.entitled).toBe(notRecused);
          expect(r.cast).toBe(notRecused);
          expect(r.needed).toBeGreaterThan(r.entitled * s.threshold);
        }
      }),
    );
  });
});
