import { addDays, assertIsoDate, yearOf, type IsoDate } from './dates.js';
import { chineseDaysSource, isWeekday, type BaseCalendarSource } from './chinese-days-source.js';

/**
 * Overrides the office keeps in the database (the service layer passes them in).
 *
 * - `{ kind: 'workday' | 'holiday', date }` sets one day, winning over the package.
 * - `{ kind: 'year_declared', year }` says: "the override list now holds this year's
 *   complete arrangement (every holiday and every make-up workday)". Only this row makes
 *   a year the package does not cover usable; inside a declared year, a day without a
 *   `workday`/`holiday` row follows the week (Mon–Fri work, Sat–Sun rest).
 *
 * Day rows in a year that is neither in the package nor declared do NOT make the year
 * usable: a partial list would silently turn into a Mon–Fri guess.
 */
export type CalendarOverride =
  | { kind: 'workday' | 'holiday'; date: IsoDate; note?: string | null }
  | { kind: 'year_declared'; year: number; note?: string | null };

/** A date in a year nobody has the arrangement for. Never guessed as Mon–Fri. */
export class CalendarYearNotCoveredError extends Error {
  readonly code = 'calendarYearNotCovered' as const;
  constructor(readonly year: number, readonly date: IsoDate) {
    super(`${year} 年的节假日安排尚未录入（内置数据与维护的日历均未覆盖该年），无法计算工作日，请先在节假日维护中录入 ${year} 年的全年安排`);
    this.name = 'CalendarYearNotCoveredError';
  }
}

export type DaySource = 'package' | 'override' | 'declared_year';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  source: DaySource;
  note: string | null;
}

export interface WorkingCalendar {
  coversYear(year: number): boolean;
  /** Throws CalendarYearNotCoveredError for an uncovered year. */
  isWorkingDay(date: IsoDate): boolean;
  describe(date: IsoDate): DayInfo;
}

export function createWorkingCalendar(
  overrides: readonly CalendarOverride[] = [],
  base: BaseCalendarSource = chineseDaysSource,
): WorkingCalendar {
  const dayRows = new Map<IsoDate, { working: boolean; note: string | null }>();
  const declared = new Set<number>();
  for (const o of overrides) {
    if (o.kind === 'year_declared') {
      if (!Number.isInteger(o.year)) throw new RangeError(`日历维护记录中的年份“${o.year}”无效`);
      declared.add(o.year);
    } else {
      assertIsoDate(o.date);
      if (dayRows.has(o.date)) throw new RangeError(`日历维护记录中 ${o.date} 重复出现`);
      dayRows.set(o.date, { working: o.kind === 'workday', note: o.note ?? null });
    }
  }
  const coverCache = new Map<number, boolean>();
  const baseCovers = (year: number): boolean => {
    let v = coverCache.get(year);
    if (v === undefined) coverCache.set(year, (v = base.coversYear(year)));
    return v;
  };

  const describe = (date: IsoDate): DayInfo => {
    assertIsoDate(date);
    const year = yearOf(date);
    const inPackage = baseCovers(year);
    if (!inPackage && !declared.has(year)) throw new CalendarYearNotCoveredError(year, date);
    const row = dayRows.get(date);
    if (row) return { date, working: row.working, source: 'override', note: row.note };
    if (inPackage) {
      const kind = base.kindOf(date);
      const working = kind === 'ordinary' ? isWeekday(date) : kind === 'workday';
      return { date, working, source: 'package', note: null };
    }
    return { date, working: isWeekday(date), source: 'declared_year', note: null };
  };

  return {
    coversYear: (year) => baseCovers(year) || declared.has(year),
    isWorkingDay: (date) => describe(date).working,
    describe,
  };
}

/** Longest stretch without a working day we accept before assuming broken data. */
const MAX_SCAN_DAYS = 366;

/** The first working day on or after `date`. */
export function firstWorkingDayOnOrAfter(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  let d = date;
  for (let i = 0; i <= MAX_SCAN_DAYS; i++, d = addDays(d, 1)) if (calendar.isWorkingDay(d)) return d;
  throw new RangeError(`自 ${date} 起一年内没有工作日，日历数据有误`);
}

/**
 * The last day of a notice lasting `n` working days (Art. 17: 5 个工作日). Its first day is
 * `start` when that is a working day, else the next working day; that first day counts as 1.
 */
export function noticeEnd(start: IsoDate, n: number, calendar: WorkingCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`工作日天数应为正整数，实际为 ${n}`);
  let d = firstWorkingDayOnOrAfter(start, calendar);
  for (let counted = 1; counted < n; ) {
    d = addDays(d, 1);
    if (calendar.isWorkingDay(d)) counted++;
  }
  return d;
}

/** The `n`-th working day after `date` (`date` itself never counts; n = 0 returns `date`). */
export function addWorkingDays(date: IsoDate, n: number, calendar: WorkingCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日天数应为非负整数，实际为 ${n}`);
  assertIsoDate(date);
  let d = date;
  for (let counted = 0, idle = 0; counted < n; ) {
    d = addDays(d, 1);
    if (calendar.isWorkingDay(d)) {
      counted++;
      idle = 0;
    } else if (++idle > MAX_SCAN_DAYS) {
      throw new RangeError(`自 ${date} 起一年内没有工作日，日历数据有误`);
    }
  }
  return d;
}

/** Working days in [from, to], both ends included. */
export function countWorkingDays(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): number {
  let count = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) count++;
  return count;
}
