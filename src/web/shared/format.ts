import { formatDisplayDate, formatDisplayTime } from '../../domain/display-time';

/** A calendar date (YYYY-MM-DD) or an ISO time shown as its Beijing date; '—' when empty. */
export function fmtDate(value: string | null | undefined): string {
  if (!value) return '—';
  return formatDisplayDate(value);
}

/** An ISO time shown to the second in Beijing time (Asia/Shanghai), whatever the browser's zone; '—' when empty. */
export function fmtTime(value: string | null | undefined): string {
  if (!value) return '—';
  return formatDisplayTime(value);
}
