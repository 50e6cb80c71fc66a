import { afterEach, describe, expect, it } from 'vitest';
import { UploadGate } from '../../src/http/upload-gate.js';

/** A gate on a hand-driven clock; its own timer never fires within a test (tickMs is huge). */
function gateOf(always: number, maxLagMs = 30) {
  let now = 1_000;
  const tickMs = 1e9;
  const gate = new UploadGate({ always, tickMs, maxLagMs }, () => now);
  /** A tick that came `lateMs` after it was due. */
  const tick = (lateMs: number) => {
    now += tickMs + lateMs;
    gate.tick();
  };
  return { gate, tick };
}

const settled = async <T>(promise: Promise<T>) => {
  let state: 'pending' | 'admitted' | 'refused' = 'pending';
  promise.then(
    () => (state = 'admitted'),
    () => (state = 'refused'),
  );
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return state;
};

describe('UploadGate', () => {
  const gates: UploadGate[] = [];
  afterEach(() => gates.splice(0).forEach((g) => g.close()));

  it('admits `always` uploads at once and queues the rest in arrival order', async () => {
    const { gate } = gateOf(2);
    gates.push(gate);
    const first = await gate.enter();
    await gate.enter();
    const waits: number[] = [];
    const third = gate.enter(undefined, () => waits.push(3)).then((release) => ({ n: 3, release }));
    const fourth = gate.enter(undefined, () => waits.push(4)).then((release) => ({ n: 4, release }));
    expect(waits).toEqual([3, 4]);
    expect(await settled(third)).toBe('pending');
    expect([gate.reading, gate.queued]).toEqual([2, 2]);
    first();
    first(); // a second release gives back nothing more
    expect((await third).n).toBe(3);
    expect(await settled(fourth)).toBe('pending');
    expect([gate.reading, gate.queued]).toEqual([2, 1]);
  });

  it('admits one more per tick while the loop keeps up, none while it lags', async () => {
    const { gate, tick } = gateOf(1, 30);
    gates.push(gate);
    await gate.enter();
    const second = gate.enter();
    const third = gate.enter();
    tick(0); // the first tick only starts the clock: no lag known yet, one admitted
    expect(await settled(second)).toBe('admitted');
    tick(45); // late: the loop is saturated
    expect(await settled(third)).toBe('pending');
    tick(10); // on time again
    expect(await settled(third)).toBe('admitted');
    expect(gate.reading).toBe(3);
  });

  it('an upload that ends above `always` hands on its place only while the loop keeps up', async () => {
    const { gate, tick } = gateOf(1, 30);
    gates.push(gate);
    await gate.enter();
    const second = gate.enter();
    const third = gate.enter();
    const fourth = gate.enter();
    tick(0);
    const releaseSecond = await second; // reading 2, above `always`
    releaseSecond(); // on time: the place goes on, the number read stays at 2
    expect(await settled(third)).toBe('admitted');
    expect([gate.reading, gate.queued]).toEqual([2, 1]);
    tick(45); // lagging: the third's place is not handed on, the number read shrinks
    expect(await settled(fourth)).toBe('pending');
    (await third)();
    expect(await settled(fourth)).toBe('pending');
    expect([gate.reading, gate.queued]).toEqual([1, 1]);
  });

  it('never admits beyond `always` when lag admissions are off (maxLagMs 0)', async () => {
    const { gate, tick } = gateOf(1, 0);
    gates.push(gate);
    const release = await gate.enter();
    const second = gate.enter();
    tick(0);
    tick(0);
    expect(await settled(second)).toBe('pending');
    release();
    expect(await settled(second)).toBe('admitted');
  });

  it('drops a waiter whose client left, and its place goes to the next', async () => {
    const { gate } = gateOf(1);
    gates.push(gate);
    const release = await gate.enter();
    const left = new AbortController();
    const leaving = gate.enter(left.signal);
    const staying = gate.enter();
    left.abort(new Error('gone'));
    await expect(leaving).rejects.toThrow('gone');
    expect(gate.queued).toBe(1);
    release();
    expect(await settled(staying)).toBe('admitted');
    expect(gate.reading).toBe(1);
  });
});
