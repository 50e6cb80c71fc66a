import { describe, expect, it } from 'vitest';
import { freshReadShared } from '../../src/db/fresh-read.js';

/** A read whose answers are released by hand; each answer is the number of the send (1, 2, …). */
function heldRead() {
  const pending: Array<{ n: number; settle: (fail?: boolean) => void }> = [];
  let sends = 0;
  const read = () =>
    new Promise<number>((resolve, reject) => {
      const n = ++sends;
      pending.push({ n, settle: (fail) => (fail ? reject(new Error(`read ${n} failed`)) : resolve(n)) });
    });
  const releaseNext = async (fail = false) => {
    pending.shift()!.settle(fail);
    // Let the settled read's reactions (and the next send) run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { read, releaseNext, sends: () => sends, waiting: () => pending.length };
}

describe('freshReadShared', () => {
  it('never answers a caller with a read sent before it asked', async () => {
    const held = heldRead();
    const shared = freshReadShared(held.read);
    const calls: Array<{ sentBefore: number; answer: Promise<number> }> = [];
    const call = () => calls.push({ sentBefore: held.sends(), answer: shared() });

    call(); // sends read 1
    call(); // read 1 was already sent: waits for read 2
    call();
    await held.releaseNext(); // read 1 returns, read 2 goes out
    call(); // read 2 is in flight: waits for read 3
    await held.releaseNext();
    await held.releaseNext();

    const answers = await Promise.all(calls.map((c) => c.answer));
    expect(answers).toEqual([1, 2, 2, 3]);
    calls.forEach((c, i) => expect(answers[i]).toBeGreaterThan(c.sentBefore));
  });

  it('sends one read per round trip however many callers arrive during it', async () => {
    const held = heldRead();
    const shared = freshReadShared(held.read);
    const first = shared();
    const joiners = Array.from({ length: 50 }, () => shared());
    expect(held.sends()).toBe(1);
    await held.releaseNext();
    expect(held.sends()).toBe(2);
    await held.releaseNext();
    expect(await first).toBe(1);
    expect(new Set(await Promise.all(joiners))).toEqual(new Set([2]));
    expect(held.waiting()).toBe(0);
  });

  it('passes a failure to the callers of that read only; the next caller gets a new read', async () => {
    const held = heldRead();
    const shared = freshReadShared(held.read);
    const first = shared();
    const joiner = shared();
    await held.releaseNext(); // read 1 answers, read 2 is sent for the joiner
    await held.releaseNext(true); // read 2 fails
    expect(await first).toBe(1);
    await expect(joiner).rejects.toThrow('read 2 failed');
    const later = shared();
    expect(held.sends()).toBe(3);
    await held.releaseNext();
    expect(await later).toBe(3);
  });

  it('starts the waiting callers\u2019 read even when the one in flight fails', async () => {
    const held = heldRead();
    const shared = freshReadShared(held.read);
    const first = shared();
    const joiner = shared();
    await held.releaseNext(true);
    await expect(first).rejects.toThrow('read 1 failed');
    await held.releaseNext();
    expect(await joiner).toBe(2);
  });
});
