/** Points as people read them: at most two decimals, no trailing zeros (e.g. 62.5, 2.25, 600). */
export function fmtPoints(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return String(Math.round(value * 100) / 100);
}
