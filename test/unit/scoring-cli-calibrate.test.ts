import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as calibrateCommand } from '../../src/cli/commands/calibrate.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calibrate-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let files = 0;
function file(content: unknown): string {
  const name = path.join(dir, `scores-${files++}.json`);
  fs.writeFileSync(name, typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

async function calibrate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await calibrateCommand(args, { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

const score = (application: string, expert: string, value: number) => ({ application, expert, score: value });
// E1 is 20 points more generous than E2 on the two applications both scored; E1 alone scored A3.
const valid = {
  scores: [score('A1', 'E1', 620), score('A1', 'E2', 600), score('A2', 'E1', 540.5), score('A2', 'E2', 520.5), score('A3', 'E1', 700)],
};

describe('cli calibrate', () => {
  it('prints raw and calibrated scores and expert offsets, rounded to 0.01', async () => {
    const r = await calibrate(file(valid));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const result = JSON.parse(r.out);
    expect(result.applications.map((a: { id: string }) => a.id)).toEqual(['A1', 'A2', 'A3']);
    expect(result.applications[0]).toMatchObject({ id: 'A1', raw: 610, calibrated: 610, count: 2 });
    expect(result.applications[1]).toMatchObject({ raw: 530.5, calibrated: 530.5 });
    const [e1, e2] = result.experts;
    expect(e1).toMatchObject({ id: 'E1', count: 3 });
    expect(e2).toMatchObject({ id: 'E2', count: 2 });
    expect(e1.offset).toBeGreaterThan(0);
    expect(e1.offset).toBeCloseTo(-e2.offset, 2);
    // A3 was scored only by the generous E1: calibration takes E1's offset off.
    expect(result.applications[2].raw).toBe(700);
    expect(result.applications[2].calibrated).toBeCloseTo(700 - e1.offset, 1);
    for (const n of [...result.applications.flatMap((a: { raw: number; calibrated: number }) => [a.raw, a.calibrated]), e1.offset]) {
      expect(Math.round(n * 100) / 100).toBe(n);
    }
  });

  it('takes --shrinkage: less shrinkage, larger offsets', async () => {
    const offsetAt = async (lambda: string) => JSON.parse((await calibrate(file(valid), '--shrinkage', lambda)).out).experts[0].offset;
    expect(await offsetAt('0.1')).toBeGreaterThan(await offsetAt('10'));
  });

  it.each([
    [{ scores: [score('A1', 'E1', 600), { application: 'A1', expert: 'E2', score: '600' }] }, 'scores[1].score：应为数字'],
    [{ scores: [score('A1', 'E1', 600), { application: 'A1', score: 1 }] }, 'scores[1].expert：缺少此字段'],
    [{ scores: [score('', 'E1', 600)] }, 'scores[0].application：不能为空'],
    [{ scores: [score('A1', 'E1', 600), score('A1', 'E1', 610)] }, 'scores[1]：与 scores[0] 重复'],
    [{ score: [] }, 'scores：缺少此字段'],
    [{ scores: [], score: [] }, '不认识的字段：score'],
    [{ scores: {} }, 'scores：应为数组'],
    ['{"scores": [', '无法读取'],
  ])('refuses malformed input %j naming the field', async (content, fragment) => {
    const r = await calibrate(file(content));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(fragment);
  });

  it('refuses a disconnected expert–application graph with the reason', async () => {
    const r = await calibrate(file({ scores: [score('A1', 'E1', 600), score('B1', 'F1', 500)] }));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('2 个互不相连的组');
  });

  it('prints usage for a missing file argument or a bad shrinkage', async () => {
    expect((await calibrate()).code).toBe(2);
    const bad = await calibrate(file(valid), '--shrinkage', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('用法');
  });
});
