/**
 * `workdays notice-end <YYYY-MM-DD> <n>`  last day of an n-working-day notice starting then
 * `workdays add <YYYY-MM-DD> <n>`         the n-th working day after the date
 * Only the result goes to stdout; a refusal (bad input, a year without holiday data)
 * goes to stderr with exit code 1. The calendar is injectable: the lead wires the
 * database overrides in later; by default only the bundled chinese-days data is used.
 */
import type { CliIo } from '../io.js';
import {
  addWorkingDays,
  CalendarYearNotCoveredError,
  createWorkingCalendar,
  isIsoDate,
  noticeEnd,
  type WorkingCalendar,
} from '../../domain/calendar/index.js';


export interface WorkdaysOptions {
  calendar?: () => WorkingCalendar | Promise<WorkingCalendar>;
}

const USAGE = '用法：workdays notice-end <YYYY-MM-DD> <天数> | workdays add <YYYY-MM-DD> <天数>\n';

export async function run(args: string[], io: CliIo, options: WorkdaysOptions = {}): Promise<number> {
  const [sub, date, count, ...rest] = args;
  if ((sub !== 'notice-end' && sub !== 'add') || date === undefined || count === undefined || rest.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  if (!isIsoDate(date)) {
    io.stderr(`日期“${date}”无效，应为真实存在的 YYYY-MM-DD 日期\n`);
    return 1;
  }
  const min = sub === 'notice-end' ? 1 : 0;
  if (!/^\d+$/.test(count) || Number(count) < min) {
    io.stderr(`天数“${count}”无效，应为${min === 1 ? '正' : '非负'}整数\n`);
    return 1;
  }
  try {
    const calendar = await (options.calendar ?? (() => createWorkingCalendar()))();
    const n = Number(count);
    io.stdout(`${sub === 'notice-end' ? noticeEnd(date, n, calendar) : addWorkingDays(date, n, calendar)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CalendarYearNotCoveredError || err instanceof RangeError) {
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
