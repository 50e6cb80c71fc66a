import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverClock } from '../../src/clock.js';

describe('the server clock', () => {
  it('is the system clock unless a test clock file is named', () => {
    const now = serverClock(undefined)().getTime();
    expect(Math.abs(now - Date.now())).toBeLessThan(1000);
  });

  it('runs on from the time a test writes into its file, and follows a rewrite', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clock-')), 'clock.json');
    fs.writeFileSync(file, JSON.stringify({ at: '2026-10-08T09:00:00+08:00' }));
    const clock = serverClock(file);
    expect(Math.abs(clock().getTime() - Date.parse('2026-10-08T09:00:00+08:00'))).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 60));
    fs.writeFileSync(file, JSON.stringify({ at: '2026-10-13T09:00:00+08:00' }));
    // A rewrite within the same millisecond as the first would keep its mtime: touch it forward.
    const later = new Date(Date.now() + 1);
    fs.utimesSync(file, later, later);
    await new Promise((r) => setTimeout(r, 60));
    expect(Math.abs(clock().getTime() - Date.parse('2026-10-13T09:00:00+08:00'))).toBeLessThan(5_000);
  });

  it('falls back to the system clock when the file is missing or broken', () => {
    expect(Math.abs(serverClock('/nonexistent/clock.json')().getTime() - Date.now())).toBeLessThan(1000);
  });
});
