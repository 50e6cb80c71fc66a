import { and, asc, eq, inArray } from 'drizzle-orm';
import type { RuleProfileList, RuleProfileSummary } from '../contract/directory.js';
import type { DbOrTx } from '../db/connection.js';
import { organisations, ruleProfiles } from '../db/schema/index.js';
import { profilePolicy } from '../domain/policies/profiles.js';
import { ruleProfileSchema, type RuleProfile } from '../domain/profile/schema.js';
import { recordAudit } from './audit/record.js';
import { inTransaction, type ServiceContext } from './context.js';
import { conflict, ensure, invalid, isUniqueViolation, type FieldError } from './errors.js';

export function summariseProfile(row: typeof ruleProfiles.$inferSelect): RuleProfileSummary {
  const r = row.rules;
  return {
    id: row.id,
    code: row.code,
    name: r.name,
    documentNumber: r.documentNumber,
    awardName: r.awardName,
    validFrom: row.validFrom,
    validTo: row.validTo,
    cycleYears: r.cycleYears,
    quotas: r.quotas,
    departments: r.departments,
    noticeWorkingDays: r.noticeWorkingDays,
    technicalStages: r.technicalStages,
  };
}

export async function listProfiles(ctx: ServiceContext): Promise<RuleProfileList> {
  ensure(profilePolicy.list(ctx.actor, null));
  const rows = await ctx.db.select().from(ruleProfiles).orderBy(asc(ruleProfiles.validFrom));
  return { items: rows.map(summariseProfile), abilities: { create: profilePolicy.create(ctx.actor, null).ok } };
}

export async function loadProfile(db: DbOrTx, id: string): Promise<{ id: string; rules: RuleProfile } | null> {
  const [row] = await db.select().from(ruleProfiles).where(eq(ruleProfiles.id, id));
  return row ? { id: row.id, rules: row.rules } : null;
}

/**
 * Every department a profile names must be an active department of the organisation directory,
 * found by its code: otherwise the first accepted application would stop on a missing reviewer.
 * Reads the raw input, so these problems are listed together with the schema's.
 */
async function departmentProblems(db: DbOrTx, input: unknown): Promise<FieldError[]> {
  const raw = (input as { departments?: unknown } | null)?.departments;
  if (!Array.isArray(raw)) return [];
  const wanted = raw.map((d, i) => ({ i, code: (d as { code?: unknown } | null)?.code, name: (d as { name?: unknown } | null)?.name }));
  const codes = [...new Set(wanted.map((d) => d.code).filter((c): c is string => typeof c === 'string' && c.length > 0))];
  if (!codes.length) return [];
  const found = await db
    .select({ code: organisations.code, active: organisations.active })
    .from(organisations)
    .where(and(eq(organisations.kind, 'department'), inArray(organisations.code, codes)));
  const problems: FieldError[] = [];
  for (const d of wanted) {
    if (typeof d.code !== 'string' || !d.code) continue;
    const matches = found.filter((o) => o.code === d.code);
    const label = typeof d.name === 'string' && d.name.trim() ? `${d.name}（${d.code}）` : d.code;
    if (!matches.length) problems.push({ field: `departments.${d.i}.code`, message: `机构目录中没有编号为 ${d.code} 的部门：${label}` });
    else if (!matches.some((o) => o.active)) problems.push({ field: `departments.${d.i}.code`, message: `部门已停用：${label}` });
  }
  return problems;
}

/** Enters new Measures as data: validated in full (with the directory), never partially stored. */
export async function createProfile(ctx: ServiceContext, input: unknown): Promise<RuleProfileSummary> {
  ensure(profilePolicy.create(ctx.actor, null));
  const parsed = ruleProfileSchema.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'profile', message: i.message }))),
    ...(await departmentProblems(ctx.db, input)),
  ];
  if (problems.length || !parsed.success) throw invalid(problems);
  try {
    return await inTransaction(ctx, async (tctx) => {
      const [row] = await tctx.tx
        .insert(ruleProfiles)
        .values({ code: parsed.data.code, name: parsed.data.name, validFrom: parsed.data.validFrom, validTo: parsed.data.validTo, rules: parsed.data })
        .returning();
      await recordAudit(tctx, { action: 'profile.create', entityType: 'profile', entityId: row.id, after: { code: row.code, validFrom: row.validFrom, validTo: row.validTo } });
      return summariseProfile(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('profile_exists', '规则版本编号已存在', [{ field: 'code', message: '规则版本编号已存在' }]);
    throw error;
  }
}
