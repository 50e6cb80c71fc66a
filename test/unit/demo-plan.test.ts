import { describe, expect, it } from 'vitest';
import { demoAdvanceCount, demoCandidateCount, demoCommitteeChoice } from '../../src/services/seed/demo/plan.js';
import { loadProfile } from './support/profiles.js';

const linyi = loadProfile('linyi-current');
const example = loadProfile('example-city-2024');

// The demo's actors choose every number from the edition's profile (issue 15): Linyi's and the
// example city's give different numbers where their Measures differ.
describe('the demo plan follows the profile [Art.2][Art.15][Art.16]', () => {
  it('leaves advancement to the profile cap where it sets one, else keeps the places and a reserve', () => {
    // Example: 12 after the material review and 9 after the defence, by its own rule (the results show who).
    expect(demoAdvanceCount(example, 'material', 'unit')).toBeUndefined();
    expect(demoAdvanceCount(example, 'defence', 'unit')).toBeUndefined();
    // Linyi sets no cap: 5 + 5 places for units, one in reserve while two stages remain.
    expect(demoAdvanceCount(linyi, 'material', 'unit')).toBe(11);
    expect(demoAdvanceCount(linyi, 'onsite', 'unit')).toBe(10);
    expect(demoAdvanceCount(linyi, 'onsite', 'individual')).toBe(8);
  });

  it('lists as many candidates as the places, within the profile limit', () => {
    expect([demoCandidateCount(linyi, 'unit'), demoCandidateCount(linyi, 'individual')]).toEqual([10, 8]);
    expect([demoCandidateCount(example, 'unit'), demoCandidateCount(example, 'individual')]).toEqual([9, 3]);
  });

  it('fills the award places first, then the nominations, to the quotas', () => {
    const choices = (profile: typeof linyi, kind: 'unit' | 'individual') => Array.from({ length: 12 }, (_, i) => demoCommitteeChoice(profile, kind, i + 1));
    const count = (list: string[], c: string) => list.filter((x) => x === c).length;
    expect([count(choices(linyi, 'unit'), 'award'), count(choices(linyi, 'unit'), 'nomination')]).toEqual([5, 5]);
    expect([count(choices(example, 'unit'), 'award'), count(choices(example, 'unit'), 'nomination')]).toEqual([4, 6]);
    expect(choices(example, 'individual').slice(0, 5)).toEqual(['award', 'award', 'award', 'award', 'nomination']);
  });
});
