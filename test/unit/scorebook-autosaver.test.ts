import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type SaveStatus } from '../../src/web/expert/scorebook/autosaver.js';
import type { ScorebookItems } from '../../src/domain/scoring/scorebook-totals.js';

class Conflict extends Error {}

/** A fake server: stores the items, checks the revision like the real one, answers after `delayMs`. */
function fakeServer(delayMs = 100) {
  const server = { revision: 0, items: {} as ScorebookItems, calls: [] as { items: ScorebookItems; revision: number }[], failNext: null as Error | null };
  const save = (items: ScorebookItems, revision: number) =>
    new Promise<number>((resolve, reject) => {
      server.calls.push({ items, revision });
      setTimeout(() => {
        if (server.failNext) {
          const error = server.failNext;
          server.failNext = null;
          return reject(error);
        }
        if (revision !== server.revision) return reject(new Conflict('评分表已在其他窗口更新'));
        server.revision += 1;
        server.items = items;
        resolve(server.revision);
      }, delayMs);
    });
  return { server, save };
}

function setup(options: { startDirty?: boolean; initialRevision?: number; initialItems?: ScorebookItems } = {}) {
  const { server, save } = fakeServer();
  server.revision = options.initialRevision ?? 0;
  const statuses: SaveStatus['state'][] = [];
  const saver = new Autosaver({
    save,
    onStatus: (s) => statuses.push(s.state),
    isConflict: (e) => e instanceof Conflict,
    describe: (e) => (e instanceof Error ? e.message : '失败'),
    initialItems: options.initialItems ?? {},
    initialRevision: options.initialRevision ?? 0,
    startDirty: options.startDirty,
    debounceMs: 1000,
  });
  return { server, saver, statuses };
}

const item = (percent: number) => ({ a: { percent } });

describe('the scorebook autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for a quiet second and sends only the last of several quick changes', async () => {
    const { server, saver, statuses } = setup();
    saver.change(item(10));
    await vi.advanceTimersByTimeAsync(500);
    saver.change(item(20));
    await vi.advanceTimersByTimeAsync(900);
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(server.calls).toEqual([{ items: item(20), revision: 0 }]);
    await vi.advanceTimersByTimeAsync(100);
    expect(server.items).toEqual(item(20));
    expect(saver.dirty).toBe(false);
    expect(statuses.at(-1)).toBe('saved');
  });

  it('sends the revision of the last answer, and a change made during a save in the next one', async () => {
    const { server, saver } = setup({ initialRevision: 4 });
    saver.change(item(10));
    await vi.advanceTimersByTimeAsync(1050); // the save is in flight
    saver.change(item(30));
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.calls.map((c) => c.revision)).toEqual([4, 5]);
    expect(server.items).toEqual(item(30));
    expect(server.revision).toBe(6);
  });

  it('stops after another window saved first and keeps the draft it could not send', async () => {
    const { server, saver, statuses } = setup();
    server.revision = 3; // the other window's saves
    saver.change(item(10));
    await vi.advanceTimersByTimeAsync(1200);
    expect(statuses.at(-1)).toBe('conflict');
    expect(saver.change(item(50))).toBe(false);
    expect(saver.current).toEqual(item(10));
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.calls).toHaveLength(1);
    await expect(saver.flush()).resolves.toBe(false);
  });

  it('after a passing error keeps the draft dirty and saves it on retry', async () => {
    const { server, saver, statuses } = setup();
    server.failNext = new Error('无法连接服务器');
    saver.change(item(40));
    await vi.advanceTimersByTimeAsync(1200);
    expect(statuses.at(-1)).toBe('error');
    expect(saver.dirty).toBe(true);
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(200);
    await expect(flushed).resolves.toBe(true);
    expect(server.items).toEqual(item(40));
  });

  it('flush sends a pending change at once (before submitting) and resolves when it is stored', async () => {
    const { server, saver } = setup();
    saver.change(item(15));
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(150);
    await expect(flushed).resolves.toBe(true);
    expect(server.items).toEqual(item(15));
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.calls).toHaveLength(1);
  });

  it('stores a proposed starting point (the consensus from the mean) without any change', async () => {
    const { server } = setup({ startDirty: true, initialItems: item(55) });
    await vi.advanceTimersByTimeAsync(1200);
    expect(server.items).toEqual(item(55));
  });

  it('on leaving, sends a change still waiting for its quiet second', async () => {
    const { server, saver } = setup();
    saver.change(item(70));
    saver.dispose();
    await vi.advanceTimersByTimeAsync(150);
    expect(server.items).toEqual(item(70));
  });
});
