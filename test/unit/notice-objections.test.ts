import { describe, expect, it } from 'vitest';
import { nextObjectionSerial, objectionReference, withinNotice } from '../../src/domain/publication/objections.js';

describe('objections to the public notice', () => {
  const notice = { startsOn: '2026-09-30', endsOn: '2026-10-12' };
  it.each([
    ['2026-09-29', 'before'],
    ['2026-09-30', 'open'],
    ['2026-10-05', 'open'],
    ['2026-10-12', 'open'],
    ['2026-10-13', 'after'],
  ] as const)('on %s the notice is %s', (today, expected) => {
    expect(withinNotice(today, notice)).toBe(expected);
  });

  it('numbers references per year, four digits at least', () => {
    expect(objectionReference(2026, 1)).toBe('YY-2026-0001');
    expect(objectionReference(2026, 12345)).toBe('YY-2026-12345');
    expect(nextObjectionSerial(2026, [])).toBe(1);
    expect(nextObjectionSerial(2026, ['YY-2026-0001', 'YY-2026-0007', 'YY-2025-0042', 'YY-2026-bad'])).toBe(8);
  });
});
