import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  CalendarYearNotCoveredError,
  chineseDaysYears,
  countWorkingDays,
  createWorkingCalendar,
  endOfShanghaiDay,
  noticeEnd,
  shanghaiToday,
  addYears,
  type CalendarOverride,
} from '../../src/domain/calendar/index.js';

const cal = createWorkingCalendar();

describe('coverage of the bundled chinese-days data', () => {
  it('covers exactly 2004–2026', () => {
    expect(chineseDaysYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it.each(['2003-12-31', '2027-01-04', '2030-06-03'])('refuses %s with the year named in Chinese', (date) => {
    const year = Number(date.slice(0, 4));
    try {
      cal.isWorkingDay(date);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarYearNotCoveredError);
      expect((err as CalendarYearNotCoveredError).year).toBe(year);
      expect((err as Error).message).toContain(`${year} 年`);
    }
  });

  it('refuses a notice that runs into an uncovered year instead of guessing Mon–Fri', () => {
    expect(() => noticeEnd('2026-12-30', 5, cal)).toThrow(CalendarYearNotCoveredError);
    expect(() => addWorkingDays('2026-12-31', 1, cal)).toThrow(/2027 年/);
  });
});

describe('2026 Spring Festival (2/15–2/23 off; Sat 2/14 and Sat 2/28 are make-up workdays)', () => {
  it.each([
    ['2026-02-13', true],
    ['2026-02-14', true],
    ['2026-02-15', false],
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-02-28', true],
    ['2026-03-01', false],
    ['2026-03-07', false],
  ])('%s working = %s', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('a 5-day notice from Thu 2/12 counts the make-up Saturday and skips the holiday [Art.17]', () => {
    expect(noticeEnd('2026-02-12', 5, cal)).toBe('2026-02-25');
  });

  it('a notice starting inside the holiday begins on the next working day and ends on make-up Sat 2/28', () => {
    expect(noticeEnd('2026-02-15', 5, cal)).toBe('2026-02-28');
  });

  it('1 working day after Fri 2/13 is the make-up Saturday', () => {
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1, cal)).toBe('2026-02-24');
  });
});

describe('2026 National Day (10/1–10/7 off; Sun 9/20 and Sat 10/10 are make-up workdays)', () => {
  it('a 5-day notice from Mon 9/28 ends on Fri 10/9 [Art.17]', () => {
    expect(noticeEnd('2026-09-28', 5, cal)).toBe('2026-10-09');
  });
  it('a 5-day notice from Wed 9/30 counts Sat 10/10 and ends Mon 10/12 [Art.17]', () => {
    expect(noticeEnd('2026-09-30', 5, cal)).toBe('2026-10-12');
  });
  it('the make-up Sunday 9/20 is a working day', () => {
    expect(addWorkingDays('2026-09-18', 1, cal)).toBe('2026-09-20');
  });
  it('counts working days in a range', () => {
    expect(countWorkingDays('2026-09-28', '2026-10-12', cal)).toBe(7);
  });
});

describe('2025 arrangements', () => {
  it('Spring Festival: Sun 1/26 is a make-up workday, 1/28–2/4 off, Sat 2/8 is a make-up workday', () => {
    expect(addWorkingDays('2025-01-24', 1, cal)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-27', 1, cal)).toBe('2025-02-05');
    expect(noticeEnd('2025-02-05', 4, cal)).toBe('2025-02-08');
  });
  it('National Day: Sun 9/28 works, 10/1–10/8 off', () => {
    expect(noticeEnd('2025-09-26', 5, cal)).toBe('2025-10-09');
  });
});

describe('noticeEnd and addWorkingDays edge cases', () => {
  it('a 1-day notice starting on a working day ends that day; on a weekend, the next working day', () => {
    expect(noticeEnd('2026-03-02', 1, cal)).toBe('2026-03-02');
    expect(noticeEnd('2026-03-07', 1, cal)).toBe('2026-03-09');
  });
  it('addWorkingDays with n = 0 returns the date', () => {
    expect(addWorkingDays('2026-03-07', 0, cal)).toBe('2026-03-07');
  });
  it.each([0, -1, 1.5])('noticeEnd refuses n = %s', (n) => {
    expect(() => noticeEnd('2026-03-02', n, cal)).toThrow(RangeError);
  });
  it('refuses impossible dates', () => {
    expect(() => addWorkingDays('2026-02-30', 1, cal)).toThrow(RangeError);
  });
});

describe('overrides from the database', () => {
  const year2027: CalendarOverride[] = [
    { kind: 'year_declared', year: 2027, note: '国办发明电 2027 年安排' },
    { kind: 'holiday', date: '2027-01-01', note: '元旦' },
  ];

  it('a declared year becomes covered; its days follow the rows, else the week', () => {
    const c = createWorkingCalendar(year2027);
    expect(c.coversYear(2027)).toBe(true);
    expect(c.describe('2027-01-01')).toEqual({ date: '2027-01-01', working: false, source: 'override', note: '元旦' });
    expect(c.describe('2027-01-04')).toMatchObject({ working: true, source: 'declared_year' });
    expect(noticeEnd('2026-12-30', 5, c)).toBe('2027-01-06');
  });

  it('day rows without a year declaration do not cover the year', () => {
    const c = createWorkingCalendar([{ kind: 'holiday', date: '2027-01-01' }]);
    expect(c.coversYear(2027)).toBe(false);
    expect(() => c.isWorkingDay('2027-01-04')).toThrow(CalendarYearNotCoveredError);
  });

  it('a row overrides the package inside a covered year', () => {
    const c = createWorkingCalendar([
      { kind: 'holiday', date: '2026-02-24', note: '假设延长假期' },
      { kind: 'workday', date: '2026-03-01' },
    ]);
    expect(c.isWorkingDay('2026-02-24')).toBe(false);
    expect(c.isWorkingDay('2026-03-01')).toBe(true);
    expect(noticeEnd('2026-02-12', 5, c)).toBe('2026-02-26');
  });

  it('refuses the same day twice', () => {
    expect(() =>
      createWorkingCalendar([
        { kind: 'holiday', date: '2026-05-06' },
        { kind: 'workday', date: '2026-05-06' },
      ]),
    ).toThrow(/重复/);
  });
});

describe('Asia/Shanghai day boundaries', () => {
  it('endOfShanghaiDay is 15:59:59.999Z of the same date', () => {
    expect(endOfShanghaiDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z');
  });
  it('shanghaiToday switches at 16:00Z', () => {
    expect(shanghaiToday(new Date('2026-06-30T15:59:59.999Z'))).toBe('2026-06-30');
    expect(shanghaiToday(new Date('2026-06-30T16:00:00.000Z'))).toBe('2026-07-01');
  });
  it('addYears keeps 29 February on 28 February in a common year', () => {
    expect(addYears('2020-02-29', 5)).toBe('2025-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
  });
});

describe('host time zone', () => {
  // chinese-days builds its tables in local time; west of UTC its plain week-day answers shift by a day.
  it.each(['America/Los_Angeles', 'Pacific/Kiritimati'])('gives the same answers in %s', (tz) => {
    const code = `
      const m = await import(${JSON.stringify(new URL('../../src/domain/calendar/index.ts', import.meta.url).href)});
      const c = m.createWorkingCalendar();
      console.log([m.noticeEnd('2026-02-12', 5, c), m.noticeEnd('2026-09-30', 5, c), c.isWorkingDay('2026-03-07'), c.isWorkingDay('2026-02-14')].join(','));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('2026-02-25,2026-10-12,false,true');
  });
});
