/**
 * Plain calendar-date arithmetic on 'YYYY-MM-DD' strings.
 *
 * Dates are civil dates in China (Asia/Shanghai, UTC+8 all year, no DST since 1991).
 * All arithmetic is done in UTC so the host time zone never shifts a day.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** True when `s` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * The dates the system takes at all: 1900-01-01 to 2100-12-31. Wide enough for every date the
 * procedure meets (a business or a career started in the 20th century, deadlines this
 * century; identity numbers start at 1900 too), narrow enough that a year is four digits (so
 * string order is date order), year 0 never reaches PostgreSQL (which has none), and working-day
 * arithmetic from the last day stays far from JavaScript's date limits.
 */
export const EARLIEST_DATE: IsoDate = '1900-01-01';
export const LATEST_DATE: IsoDate = '2100-12-31';

/** A real calendar date within [EARLIEST_DATE, LATEST_DATE]: what every API date field accepts. */
export function isDateInRange(s: string): boolean {
  return isIsoDate(s) && s >= EARLIEST_DATE && s <= LATEST_DATE;
}

/** Throws a RangeError with a Chinese message unless `s` is a real YYYY-MM-DD date. */
export function assertIsoDate(s: string): void {
  if (!isIsoDate(s)) throw new RangeError(`日期“${s}”无效，应为真实存在的 YYYY-MM-DD 日期`);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, month: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function toUtcMs(date: IsoDate): number {
  return Date.UTC(yearOf(date), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` plus `n` calendar days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  assertIsoDate(date);
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  assertIsoDate(date);
  return new Date(toUtcMs(date)).getUTCDay();
}

/**
 * The same day `years` later. A 29 February start lands on 28 February in a
 * common year (the month-end rule of 民法典 第二百零三条: with no corresponding
 * day, the last day of that month counts).
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  assertIsoDate(date);
  const y = yearOf(date) + years;
  const mo = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, mo));
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The calendar date in Asia/Shanghai at the instant `now`. */
export function shanghaiToday(now: Date): IsoDate {
  return fromUtcMs(Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** The last millisecond of `date` in Asia/Shanghai, as a UTC instant (23:59:59.999+08:00). */
export function endOfShanghaiDay(date: IsoDate): Date {
  assertIsoDate(date);
  return new Date(toUtcMs(date) + DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/** The first millisecond of `date` in Asia/Shanghai, as a UTC instant (00:00:00.000+08:00). */
export function startOfShanghaiDay(date: IsoDate): Date {
  assertIsoDate(date);
  return new Date(toUtcMs(date) - SHANGHAI_OFFSET_MS);
}
