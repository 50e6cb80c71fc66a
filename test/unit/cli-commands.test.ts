import { describe, expect, it } from 'vitest';
import { run as workdays } from '../../src/cli/commands/workdays.js';
import { run as check } from '../../src/cli/commands/check.js';
import { createWorkingCalendar } from '../../src/domain/calendar/index.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) } };
}

describe('cli workdays', () => {
  it('notice-end prints only the date', async () => {
    const t = io();
    expect(await workdays(['notice-end', '2026-09-30', '5'], t.io)).toBe(0);
    expect(t.out.join('')).toBe('2026-10-12\n');
    expect(t.err).toEqual([]);
  });

  it('add prints the n-th working day after', async () => {
    const t = io();
    expect(await workdays(['add', '2026-02-13', '1'], t.io)).toBe(0);
    expect(t.out.join('')).toBe('2026-02-14\n');
  });

  it('a year without data exits 1 with the reason on stderr', async () => {
    const t = io();
    expect(await workdays(['add', '2027-03-01', '3'], t.io)).toBe(1);
    expect(t.out).toEqual([]);
    expect(t.err.join('')).toContain('2027 年');
  });

  it('uses an injected calendar (database overrides)', async () => {
    const t = io();
    const calendar = () => createWorkingCalendar([{ kind: 'year_declared', year: 2027 }]);
    expect(await workdays(['add', '2027-03-01', '3'], t.io, { calendar })).toBe(0);
    expect(t.out.join('')).toBe('2027-03-04\n');
  });

  it.each([[['notice-end', '2026-02-30', '5']], [['notice-end', '2026-03-02', '0']], [['add', '2026-03-02', '-1']]])('refuses bad input %j', async (args) => {
    const t = io();
    expect(await workdays(args, t.io)).toBe(1);
    expect(t.out).toEqual([]);
    expect(t.err.join('')).toMatch(/无效/);
  });

  it('prints usage for an unknown subcommand', async () => {
    const t = io();
    expect(await workdays(['foo'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('用法');
  });
});

describe('cli check', () => {
  it.each([
    [['uscc', '91110000600037341L']],
    [['id', '11010519491231002X']],
  ])('%j is valid', async (args) => {
    const t = io();
    expect(await check(args, t.io)).toBe(0);
    expect(t.out.join('')).toBe('valid\n');
  });

  it.each([
    [['uscc', '91110000600037341A'], '第18位应为“L”'],
    [['id', '110105194912310021'], '第18位应为“X”'],
  ])('%j is refused with the reason on stderr', async (args, fragment) => {
    const t = io();
    expect(await check(args, t.io)).toBe(1);
    expect(t.out).toEqual([]);
    expect(t.err.join('')).toContain(fragment);
  });
});
