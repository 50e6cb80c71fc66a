import { asc, eq } from 'drizzle-orm';
import type { RuleProfileList, RuleProfileSummary } from '../contract/directory.js';
import type { DbOrTx } from '../db/connection.js';
import { ruleProfiles } from '../db/schema/index.js';
import { profilePolicy } from '../domain/policies/profiles.js';
import { ruleProfileSchema, type RuleProfile } from '../domain/profile/schema.js';
import { recordAudit } from './audit/record.js';
import { inTransaction, type ServiceContext } from './context.js';
import { conflict, ensure, invalid, isUniqueViolation } from './errors.js';

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

/** Enters new Measures as data: validated in full, never partially stored. */
export async function createProfile(ctx: ServiceContext, input: unknown): Promise<RuleProfileSummary> {
  ensure(profilePolicy.create(ctx.actor, null));
  const parsed = ruleProfileSchema.safeParse(input);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'profile', message: i.message })));
  }
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
