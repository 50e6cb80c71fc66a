import dayjs from 'dayjs';

/** A calendar date (YYYY-MM-DD) or an ISO time shown as a date; '—' when empty. */
export function fmtDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

/** An ISO time shown to the minute in local time; '—' when empty. */
export function fmtTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}
