import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/connection.js';
import type { CalendarData, CalendarOverride as CalendarOverrideDto } from '../contract/intake.js';
import { calendarOverrides, calendarYears } from '../db/schema/index.js';
import { addWorkingDays, CalendarYearNotCoveredError, chineseDaysYears, EARLIEST_DATE, LATEST_DATE, createWorkingCalendar, type CalendarOverride, type WorkingCalendar } from '../domain/calendar/index.js';
import { calendarPolicy } from '../domain/policies/profiles.js';
import { recordAudit } from './audit/record.js';
import { inTransaction, type ServiceContext } from './context.js';
import { ensure, invalid, ServiceError } from './errors.js';

/** The working calendar: the State Council's arrangement (chinese-days) plus the office's overrides. */
export async function loadWorkingCalendar(db: DbOrTx): Promise<WorkingCalendar> {
  // Sequential: `db` may be a transaction, whose single connection must not be given overlapping queries.
  const days = await db.select().from(calendarOverrides);
  const years = await db.select().from(calendarYears);
  const overrides: CalendarOverride[] = [
    ...days.map((d) => ({ kind: d.kind as 'workday' | 'holiday', date: d.date, note: d.note })),
    ...years.map((y) => ({ kind: 'year_declared' as const, year: y.year, note: y.note })),
  ];
  return createWorkingCalendar(overrides);
}

/**
 * A year without arrangement data becomes a 422 naming the year, never a Monday–Friday guess;
 * arithmetic past the last date the system takes, or through broken data, a 422 naming the field.
 */
export function calendarError(error: unknown, field = 'date'): never {
  if ((error instanceof CalendarYearNotCoveredError && error.date > LATEST_DATE) || error instanceof RangeError) {
    const message = error instanceof RangeError ? error.message : `计算结果超出系统可处理的日期范围（${EARLIEST_DATE} 至 ${LATEST_DATE}）`;
    throw invalid([{ field, message }], message);
  }
  if (error instanceof CalendarYearNotCoveredError) {
    throw new ServiceError('calendar_year_not_covered', error.message, [{ field, message: error.message }]);
  }
  throw error;
}

export async function workingDaysAfter(db: DbOrTx, from: string, n: number, field?: string): Promise<string> {
  try {
    return addWorkingDays(from, n, await loadWorkingCalendar(db));
  } catch (error) {
    calendarError(error, field);
  }
}

export async function listCalendar(ctx: ServiceContext): Promise<CalendarData> {
  ensure(calendarPolicy.view(ctx.actor, null));
  const [days, years] = await Promise.all([
    ctx.db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date)),
    ctx.db.select().from(calendarYears).orderBy(asc(calendarYears.year)),
  ]);
  return {
    overrides: days.map((d) => ({ date: d.date, kind: d.kind as CalendarOverrideDto['kind'], note: d.note })),
    declaredYears: years.map((y) => ({ year: y.year, note: y.note })),
    packageYears: chineseDaysYears(),
    abilities: { edit: calendarPolicy.edit(ctx.actor, null).ok },
  };
}

export async function setOverride(ctx: ServiceContext, date: string, input: { kind: 'workday' | 'holiday'; note: string }): Promise<CalendarOverrideDto> {
  ensure(calendarPolicy.edit(ctx.actor, null));
  return inTransaction(ctx, async (tctx) => {
    const [before] = await tctx.tx.select().from(calendarOverrides).where(eq(calendarOverrides.date, date));
    const row = { date, kind: input.kind, note: input.note };
    await tctx.tx.insert(calendarOverrides).values(row).onConflictDoUpdate({ target: calendarOverrides.date, set: { kind: input.kind, note: input.note } });
    await recordAudit(tctx, { action: 'calendar.override', entityType: 'calendar', entityId: date, before: before ?? null, after: row });
    return row;
  });
}

export async function deleteOverride(ctx: ServiceContext, date: string) {
  ensure(calendarPolicy.edit(ctx.actor, null));
  await inTransaction(ctx, async (tctx) => {
    const [before] = await tctx.tx.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).returning();
    if (before) await recordAudit(tctx, { action: 'calendar.override', entityType: 'calendar', entityId: date, before, after: null });
  });
}

export async function declareYear(ctx: ServiceContext, year: number, note: string) {
  ensure(calendarPolicy.edit(ctx.actor, null));
  await inTransaction(ctx, async (tctx) => {
    await tctx.tx.insert(calendarYears).values({ year, note }).onConflictDoUpdate({ target: calendarYears.year, set: { note } });
    await recordAudit(tctx, { action: 'calendar.override', entityType: 'calendar', entityId: String(year), after: { yearDeclared: year, note } });
  });
}
