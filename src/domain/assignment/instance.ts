import { z } from 'zod';

/**
 * An expert-to-application assignment instance (issue 11, "Assignment"), the format the
 * `assign solve` command reads and the server builds from the expert pool and conflicts.
 * Pairs without an affinity entry have affinity 0 and stay assignable unless conflicted.
 */

const id = z.string().min(1, { message: '编号不能为空' });
const finite = z.number({ message: '应为有限数值' });
const nonNegative = finite.min(0, { message: '不能为负数' });

export const instanceSchema = z.object({
  k: z.number({ message: '应为整数' }).int({ message: '应为整数' }).min(1, { message: '每项申报所需专家数 k 至少为 1' }),
  loadPenalty: nonNegative.default(0),
  experts: z.array(
    z.object({
      id,
      capacity: z.number({ message: '应为整数' }).int({ message: '应为整数' }).min(0, { message: '容量不能为负数' }),
      unit: z.string().min(1).optional(),
    }),
  ),
  applications: z.array(z.object({ id })),
  affinity: z.array(z.tuple([id, id, finite])).default([]),
  conflicts: z.array(z.tuple([id, id])).default([]),
  soft: z
    .object({ sameUnitPenalty: nonNegative.optional(), industryCoverBonus: nonNegative.optional() })
    .optional(),
  /** Pairs [application, expert] where the expert's expertise covers the applicant's industry. */
  industryMatch: z.array(z.tuple([id, id])).optional(),
});

export type AssignmentInstance = z.output<typeof instanceSchema>;
export type AssignmentInstanceInput = z.input<typeof instanceSchema>;

export type ParseInstanceResult =
  | { ok: true; instance: AssignmentInstance }
  | { ok: false; field: string; message: string };

/** `affinity[3][1]`, `experts[0].capacity`: the path an operator can find in the file. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(根)';
}

function refuse(path: ReadonlyArray<PropertyKey>, message: string): ParseInstanceResult {
  return { ok: false, field: fieldPath(path), message };
}

/** Validates shape and references; the first fault is named by its field path. */
export function parseInstance(json: unknown): ParseInstanceResult {
  const parsed = instanceSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.code === 'invalid_type' && /undefined/.test(issue.message) ? '缺少必填字段' : issue.message;
    return refuse(issue.path, message);
  }
  const instance = parsed.data;
  const experts = new Set<string>();
  for (const [i, e] of instance.experts.entries()) {
    if (experts.has(e.id)) return refuse(['experts', i, 'id'], `专家编号重复：${e.id}`);
    experts.add(e.id);
  }
  const applications = new Set<string>();
  for (const [i, a] of instance.applications.entries()) {
    if (applications.has(a.id)) return refuse(['applications', i, 'id'], `申报编号重复：${a.id}`);
    applications.add(a.id);
  }
  const pairLists = [
    ['affinity', instance.affinity, true],
    ['conflicts', instance.conflicts, false],
    ['industryMatch', instance.industryMatch ?? [], true],
  ] as const;
  for (const [name, list, unique] of pairLists) {
    const seen = new Set<string>();
    for (const [i, pair] of list.entries()) {
      if (!applications.has(pair[0])) return refuse([name, i, 0], `未知的申报编号：${pair[0]}`);
      if (!experts.has(pair[1])) return refuse([name, i, 1], `未知的专家编号：${pair[1]}`);
      const key = `${pair[0]}\u0000${pair[1]}`;
      if (unique && seen.has(key)) return refuse([name, i], `配对重复：${pair[0]} – ${pair[1]}`);
      seen.add(key);
    }
  }
  return { ok: true, instance };
}
