import { describe, expect, it } from 'vitest';
import { fiveNumbers, quantile } from '../../src/domain/awards/cohort.js';
import { issuingBodyOf, prizeLabelOf } from '../../src/domain/awards/labels.js';
import { addMonths, formatFen, usageSummary, yuanToFen } from '../../src/domain/awards/prize-money.js';
import { serialBody, signSerial, verifySerial } from '../../src/domain/awards/serial.js';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);

describe('certificate serials', () => {
  const serial = signSerial(key, { prefix: 'LY', year: 2026, category: 'award', sequence: 3 });

  it('reads LY-year-category-number-signature', () => {
    expect(serial).toMatch(/^LY-2026-AU-003-[A-Z2-7]{10}$/);
    expect(serial.startsWith(serialBody({ prefix: 'LY', year: 2026, category: 'award', sequence: 3 }))).toBe(true);
    expect(signSerial(key, { prefix: 'LY', year: 2026, category: 'nomination', sequence: 12 })).toMatch(/^LY-2026-NO-012-/);
    expect(verifySerial(key, serial)).toEqual({ prefix: 'LY', year: 2026, category: 'award', sequence: 3 });
  });

  it('refuses every single-character change, and the same serial under another key [Art.27]', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567890-';
    let tried = 0;
    for (let i = 0; i < serial.length; i++) {
      for (const c of alphabet) {
        if (c === serial[i]) continue;
        const changed = serial.slice(0, i) + c + serial.slice(i + 1);
        expect(verifySerial(key, changed)).toBeNull();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(800);
    expect(verifySerial(otherKey, serial)).toBeNull();
  });

  it("carries the profile's city prefix, and a serial moved to another city's prefix fails [Art.19]", () => {
    const other = signSerial(key, { prefix: 'SL', year: 2026, category: 'award', sequence: 3 });
    expect(other).toMatch(/^SL-2026-AU-003-[A-Z2-7]{10}$/);
    expect(verifySerial(key, other)).toEqual({ prefix: 'SL', year: 2026, category: 'award', sequence: 3 });
    expect(verifySerial(key, `LY${other.slice(2)}`)).toBeNull();
  });

  it('signatures differ between neighbouring numbers (no pattern to enumerate)', () => {
    const tails = Array.from({ length: 50 }, (_, i) => signSerial(key, { prefix: 'LY', year: 2026, category: 'award', sequence: i + 1 }).slice(-10));
    expect(new Set(tails).size).toBe(50);
  });

  it('refuses junk of any length without throwing', () => {
    for (const junk of ['', 'LY', 'ly-2026-au-003-aaaaaaaaaa', `${serial}x`, 'x'.repeat(10_000), `${serial.slice(0, -1)}é`]) expect(verifySerial(key, junk)).toBeNull();
  });
});

describe('prize money', () => {
  it('converts and formats fen exactly', () => {
    expect(yuanToFen(500_000)).toBe(50_000_000);
    expect(formatFen(50_000_012)).toBe('500,000.12');
    expect(formatFen(-5)).toBe('-0.05');
  });

  it('adds calendar months, clamped to the month end', () => {
    expect(addMonths('2025-10-20', 12)).toBe('2026-10-20');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-12-15', 2)).toBe('2028-02-15');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });

  const paid = [{ amountFen: 1000, paidOn: '2025-10-20' }];
  const base = { payments: paid, usageReportMonths: 12 };
  it('is overdue only after the report is due and while reports do not cover the money [Art.21]', () => {
    expect(usageSummary({ ...base, reportedFen: 0, today: '2026-10-20' })).toMatchObject({ status: 'awaiting', overdue: false, reportDueOn: '2026-10-20' });
    expect(usageSummary({ ...base, reportedFen: 0, today: '2026-10-21' })).toMatchObject({ status: 'overdue', overdue: true });
    expect(usageSummary({ ...base, reportedFen: 999, today: '2026-10-21' })).toMatchObject({ status: 'overdue', overdue: true });
    expect(usageSummary({ ...base, reportedFen: 999, today: '2026-01-01' })).toMatchObject({ status: 'partial', overdue: false });
    expect(usageSummary({ ...base, reportedFen: 1000, today: '2030-01-01' })).toMatchObject({ status: 'reported', overdue: false });
    expect(usageSummary({ payments: [], reportedFen: 0, usageReportMonths: 12, today: '2030-01-01' })).toMatchObject({ status: 'not_paid', overdue: false, reportDueOn: null });
  });

  it('counts money recovered against what was paid', () => {
    const summary = usageSummary({ payments: [...paid, { amountFen: -400, paidOn: '2026-01-01' }], reportedFen: 600, usageReportMonths: 12, today: '2027-01-01' });
    expect(summary).toMatchObject({ paidFen: 600, status: 'reported' });
  });
});

describe('cohort distribution', () => {
  it('gives min, quartiles, median and max by linear interpolation', () => {
    expect(fiveNumbers([4, 1, 3, 2, 5])).toEqual({ min: 1, q1: 2, median: 3, q3: 4, max: 5, count: 5 });
    expect(fiveNumbers([10, 20, 30, 40])).toEqual({ min: 10, q1: 17.5, median: 25, q3: 32.5, max: 40, count: 4 });
    expect(fiveNumbers([7])).toEqual({ min: 7, q1: 7, median: 7, q3: 7, max: 7, count: 1 });
    expect(fiveNumbers([])).toBeNull();
    expect(fiveNumbers([Number.NaN, 2])).toMatchObject({ count: 1, median: 2 });
  });

  it('quantiles are monotone in p for random data', () => {
    const values = Array.from({ length: 37 }, (_, i) => (i * 7919) % 101).sort((a, b) => a - b);
    let last = -Infinity;
    for (let p = 0; p <= 1; p += 0.05) {
      const q = quantile(values, p);
      expect(q).toBeGreaterThanOrEqual(last);
      last = q;
    }
  });
});

describe('labels', () => {
  const profile = { awardName: '临沂市市长质量奖', prizeTypes: [{ code: 'award', label: '市长质量奖', category: 'award' as const }] };
  it('names the prize type and the issuing government', () => {
    expect(prizeLabelOf(profile, 'award', 'award')).toBe('市长质量奖');
    expect(prizeLabelOf(profile, null, 'nomination')).toBe('临沂市市长质量奖提名奖');
    expect(issuingBodyOf(profile)).toBe('临沂市人民政府');
    expect(issuingBodyOf({ awardName: '市长质量奖' })).toBe('市人民政府');
  });
});
