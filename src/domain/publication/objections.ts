import type { IsoDate } from '../calendar/dates.js';

/** Pure rules of objections to the public notice (Art. 17). */

/** Where a Shanghai calendar day stands to the notice: objections are received from its first to its last day, both included. */
export function withinNotice(today: IsoDate, notice: { startsOn: IsoDate; endsOn: IsoDate }): 'before' | 'open' | 'after' {
  if (today < notice.startsOn) return 'before';
  return today > notice.endsOn ? 'after' : 'open';
}

/** The reference the filer keeps: YY-<year>-<serial of that year, four digits at least>. */
export function objectionReference(year: number, serial: number): string {
  return `YY-${year}-${String(serial).padStart(4, '0')}`;
}

/** The next serial of a year, from the references already taken (others' prefixes and malformed ones ignored). */
export function nextObjectionSerial(year: number, taken: readonly string[]): number {
  const prefix = `YY-${year}-`;
  const serials = taken.filter((r) => r.startsWith(prefix)).map((r) => Number(r.slice(prefix.length))).filter((n) => Number.isInteger(n) && n > 0);
  return Math.max(0, ...serials) + 1;
}
