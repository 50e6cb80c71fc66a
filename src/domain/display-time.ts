/**
 * Times people read are Beijing time (Asia/Shanghai), whatever the server's or the
 * browser's own zone: the UI, the exports and the notices must all say the same hour.
 * Stored and exchanged times stay ISO/UTC; only the display converts.
 */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(value: Date | string): Record<string, string> | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
}

/** 'YYYY-MM-DD HH:mm:ss' in Beijing time; the input unchanged when it is not a time. */
export function formatDisplayTime(value: Date | string): string {
  const p = parts(value);
  if (!p) return String(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The Beijing calendar date of a time ('YYYY-MM-DD'); a bare date is returned as is. */
export function formatDisplayDate(value: Date | string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = parts(value);
  if (!p) return String(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The hour of the day (0–23) in Beijing time. */
export function displayHour(value: Date): number {
  const p = parts(value);
  return p ? Number(p.hour) : value.getHours();
}
