import chineseDays from 'chinese-days';
import { dayOfWeek, type IsoDate } from './dates.js';

/**
 * The official arrangement of one date as a base calendar knows it:
 * `workday`/`holiday` when the State Council's arrangement names the day
 * (a holiday or a make-up workday), `ordinary` when it falls back to the week.
 */
export type BaseDayKind = 'workday' | 'holiday' | 'ordinary';

/** A source of the State Council's holiday arrangements (injectable for tests). */
export interface BaseCalendarSource {
  /** True when the source holds the full arrangement of this year. */
  coversYear(year: number): boolean;
  /** Only called for a covered year. */
  kindOf(date: IsoDate): BaseDayKind;
}

/**
 * The `chinese-days` package (holidays and make-up workdays; its data runs 2004–2026
 * in version 1.5.7, one `arrangement.y(year)` block per year in
 * node_modules/chinese-days/src/holidays/generate.ts).
 *
 * Two quirks are handled here:
 * - Its week-day fallback answers for any year (2027 comes back as plain Mon–Fri), so
 *   coverage is probed: a covered year always names 1 January (元旦) as a holiday.
 * - It reads and builds its tables in the host's local time zone, so in a zone west
 *   of UTC its week-day fallback is off by one day. We only trust its named entries
 *   (name "English,中文,n") and compute the week day ourselves.
 */
export const chineseDaysSource: BaseCalendarSource = {
  coversYear(year: number): boolean {
    if (!Number.isInteger(year) || year < 1900 || year > 9999) return false;
    return isNamedEntry(chineseDays.getDayDetail(`${year}-01-01`).name);
  },
  kindOf(date: IsoDate): BaseDayKind {
    const detail = chineseDays.getDayDetail(date);
    if (!isNamedEntry(detail.name)) return 'ordinary';
    return detail.work ? 'workday' : 'holiday';
  },
};

function isNamedEntry(name: string): boolean {
  return name.includes(',');
}

/** Years (first..last) the bundled package covers, found by probing. */
export function chineseDaysYears(source: BaseCalendarSource = chineseDaysSource): number[] {
  const years: number[] = [];
  for (let y = 1990; y <= 2100; y++) if (source.coversYear(y)) years.push(y);
  return years;
}

/** Mon–Fri: used only inside a year whose arrangement is known. */
export function isWeekday(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d >= 1 && d <= 5;
}

