import type { CaseStatus } from '../../contract/supervision';

/** Tag colours of a case's status: open work in blue and gold, public in red, closed grey. */
export const STATUS_COLOURS: Record<CaseStatus, string> = {
  open: 'blue',
  verified: 'gold',
  proposed: 'orange',
  decided: 'volcano',
  announced: 'red',
  closed: 'default',
};
