import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/domain/scoring/natural-order.js';

describe('natural order of ids', () => {
  it('reads digit runs as numbers', () => {
    expect(['A10', 'B1', 'A2', 'A1', 'A', 'A1x', '10', '9'].sort(naturalCompare)).toEqual(['9', '10', 'A', 'A1', 'A1x', 'A2', 'A10', 'B1']);
    expect(naturalCompare('E007', 'E7')).not.toBe(0);
    expect(Math.sign(naturalCompare('E007', 'E7')) + Math.sign(naturalCompare('E7', 'E007'))).toBe(0);
  });

  it('agrees with Intl.Collator numeric ordering on upper-case ids without leading zeros (property)', () => {
    const collator = new Intl.Collator('en', { numeric: true });
    const id = fc.stringMatching(/^([A-Z]|[1-9][0-9]{0,3}){1,4}$/);
    fc.assert(
      fc.property(id, id, (a, b) => {
        expect(Math.sign(naturalCompare(a, b))).toBe(Math.sign(collator.compare(a, b)));
        expect(Math.sign(naturalCompare(b, a)) + Math.sign(naturalCompare(a, b))).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
