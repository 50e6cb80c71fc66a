/**
 * `calibrate <scores.json> [--shrinkage <λ>]`
 *
 * Reads `{"scores": [{"application": "A1", "expert": "E1", "score": 612.5}, …]}` and prints
 * `{"applications": [{"id", "raw", "calibrated", "count"}], "experts": [{"id", "offset", "count"}]}`,
 * sorted by id. Scores are rounded to 0.01 point: finer than any cut-off a panel uses, coarse
 * enough that the last digits of a floating-point solve never show. A malformed file exits 1
 * naming the field at fault (e.g. `scores[3].score`); a disconnected expert–application graph
 * exits 1 with the reason.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { calibrate, DEFAULT_SHRINKAGE } from '../../domain/scoring/index.js';
import type { CliIo } from '../io.js';

const USAGE = '用法：calibrate <scores.json> [--shrinkage <λ>]（λ 默认 2，单位为“份评分”）\n';

/** "missing" when the field is absent, otherwise what it should be. */
const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? '缺少此字段' : what);

const id = z.string({ error: expected('应为字符串') }).min(1, { message: '不能为空' }).max(100, { message: '不能超过 100 个字符' });
/** The object-level message: unknown fields by name, anything else as the expected shape. */
const objectError = (shape: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `不认识的字段：${(issue.keys ?? []).join('、')}` : `应为 ${shape} 对象`;

const inputSchema = z
  .strictObject(
    {
      scores: z.array(
        z.strictObject(
          {
            application: id,
            expert: id,
            score: z.number({ error: expected('应为数字') }).refine(Number.isFinite, { message: '应为有限数字' }),
          },
          { error: objectError('{"application", "expert", "score"}') },
        ),
        { error: expected('应为数组') },
      ),
    },
    { error: objectError('{"scores": […]}') },
  )
  .superRefine((input, ctx) => {
    // One expert scores one application once per stage; a repeat is a mistake in the file.
    const seen = new Map<string, number>();
    input.scores.forEach((s, i) => {
      const key = JSON.stringify([s.application, s.expert]);
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['scores', i], message: `与 scores[${first}] 重复（同一专家对同一申报）` });
      else seen.set(key, i);
    });
  });

/** ['scores', 3, 'score'] → scores[3].score */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(根)';
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function run(args: string[], io: CliIo): Promise<number> {
  const files: string[] = [];
  let shrinkage = DEFAULT_SHRINKAGE;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--shrinkage') {
      shrinkage = Number(args[++i]);
      if (!(Number.isFinite(shrinkage) && shrinkage > 0)) {
        io.stderr(`--shrinkage 应为正数\n${USAGE}`);
        return 2;
      }
    } else files.push(args[i]);
  }
  if (files.length !== 1) {
    io.stderr(USAGE);
    return 2;
  }

  let json: unknown;
  try {
    json = JSON.parse(await readFile(files[0], 'utf8'));
  } catch (error) {
    io.stderr(`无法读取 ${files[0]}：${(error as Error).message}\n`);
    return 1;
  }
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) {
    io.stderr(`${parsed.error.issues.map((i) => `${fieldOf(i.path)}：${i.message}`).join('\n')}\n`);
    return 1;
  }

  const result = calibrate(parsed.data.scores, { shrinkage });
  if (!result.ok) {
    io.stderr(`${result.reason}\n`);
    return 1;
  }
  const output = {
    applications: result.applications.map((a) => ({ id: a.id, raw: round2(a.raw), calibrated: round2(a.calibrated), count: a.count })),
    experts: result.experts.map((e) => ({ id: e.id, offset: round2(e.offset), count: e.count })),
  };
  io.stdout(`${JSON.stringify(output)}\n`);
  return 0;
}
