/**
 * Progressive delays after failed logins (replaces the hard lock a stranger could trigger).
 *
 * Decision: the first `freeFailures` consecutive failures of an account cost nothing. From
 * then on every further failure makes the next attempt wait BASE_DELAY_MS, doubling with
 * each failure, capped at `maxDelayMs` (LOGIN_LOCK_MINUTES): with the defaults 30 s, 1, 2,
 * 4, 8 min, then 15 min. Attempts made during a delay are refused without checking the
 * password and neither count nor extend the delay, so a stranger can slow an account down
 * but never lock its owner out: the right password after the delay always succeeds, and a
 * success clears the count. The same schedule applies to usernames that do not exist, so
 * the answers reveal nothing about which accounts exist.
 */
export interface DelayPolicy {
  freeFailures: number;
  maxDelayMs: number;
}

export const BASE_DELAY_MS = 30_000;

/** How long the next attempt must wait after `failures` consecutive failures (0: no wait). */
export function loginDelayMs(failures: number, policy: DelayPolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.maxDelayMs, BASE_DELAY_MS * 2 ** doublings);
}

/** "30 秒" / "2 分钟": the wait in words for the message. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}
