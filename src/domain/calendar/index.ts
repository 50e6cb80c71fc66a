export {
  type IsoDate,
  isIsoDate,
  isDateInRange,
  EARLIEST_DATE,
  LATEST_DATE,
  assertIsoDate,
  addDays,
  addYears,
  dayOfWeek,
  shanghaiToday,
  endOfShanghaiDay,
  startOfShanghaiDay,
} from './dates.js';
export { type BaseCalendarSource, type BaseDayKind, chineseDaysSource, chineseDaysYears } from './chinese-days-source.js';
export {
  type CalendarOverride,
  type WorkingCalendar,
  type DayInfo,
  type DaySource,
  CalendarYearNotCoveredError,
  createWorkingCalendar,
  firstWorkingDayOnOrAfter,
  noticeEnd,
  addWorkingDays,
  countWorkingDays,
} from './working-calendar.js';
