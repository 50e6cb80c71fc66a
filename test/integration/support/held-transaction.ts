/**
 * Whether `other` commits while a transaction stays open (PostgreSQL: two connections).
 * `hold` opens the transaction, does what must hold a lock, then awaits `stayOpen()`, which
 * keeps it open until `other` has answered or `withinMs` has passed. Then it ends, and both
 * are awaited. 'still waiting': `other` queued behind the open transaction.
 */
export async function commitsWhileHeld(
  hold: (stayOpen: () => Promise<void>) => Promise<unknown>,
  other: () => Promise<unknown>,
  withinMs: number,
): Promise<'committed' | 'still waiting'> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let markHeld = () => {};
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  const holder = hold(() => {
    markHeld();
    return released;
  });
  // A holder that fails before holding ends the wait too (its error surfaces below).
  await Promise.race([held, holder]);
  const attempt = other().then(() => 'committed' as const);
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), withinMs)));
  try {
    return await Promise.race([attempt, waited]);
  } finally {
    clearTimeout(timer);
    release();
    await holder;
    await attempt;
  }
}
