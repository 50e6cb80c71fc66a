/**
 * Prize money bookkeeping (Art. 19, 21) as pure rules: amounts are kept in fen (integers) so
 * sums are exact; the winner reports the use within `usageReportMonths` of the first payment.
 */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);

/** "12,345.67" from fen, for tables and PDFs. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** The ISO date `months` calendar months after `iso`, clamped to the month's last day (01-31 + 1 = 02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export type UsageStatus = 'not_paid' | 'awaiting' | 'partial' | 'reported' | 'overdue';
export const USAGE_STATUS_LABELS: Record<UsageStatus, string> = {
  not_paid: '尚未拨付',
  awaiting: '待报告',
  partial: '已部分报告',
  reported: '已报告',
  overdue: '逾期未报告',
};

export interface UsageInput {
  /** Disbursements (negative = recovered). */
  payments: { amountFen: number; paidOn: string }[];
  /** Total of every usage line reported. */
  reportedFen: number;
  usageReportMonths: number;
  today: string;
}

export interface UsageSummary {
  paidFen: number;
  reportedFen: number;
  /** The report is due by this day (first payment + the months); null while nothing is paid. */
  reportDueOn: string | null;
  status: UsageStatus;
  overdue: boolean;
}

/**
 * Overdue = the money was paid more than `usageReportMonths` ago and the reports do not
 * account for all of it (no report at all, or reported less than paid). Before that day a
 * shortfall is only "partial".
 */
export function usageSummary(input: UsageInput): UsageSummary {
  const paidFen = input.payments.reduce((sum, p) => sum + p.amountFen, 0);
  const firstPaidOn = input.payments.filter((p) => p.amountFen > 0).map((p) => p.paidOn).sort()[0] ?? null;
  const reportDueOn = firstPaidOn ? addMonths(firstPaidOn, input.usageReportMonths) : null;
  const base = { paidFen, reportedFen: input.reportedFen, reportDueOn };
  if (paidFen <= 0 || !reportDueOn) return { ...base, status: 'not_paid', overdue: false };
  if (input.reportedFen >= paidFen) return { ...base, status: 'reported', overdue: false };
  if (input.today > reportDueOn) return { ...base, status: 'overdue', overdue: true };
  return { ...base, status: input.reportedFen > 0 ? 'partial' : 'awaiting', overdue: false };
}
