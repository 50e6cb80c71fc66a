import { and, eq } from 'drizzle-orm';
import { organisations, ruleProfiles } from '../../../db/schema/index.js';
import type { RuleProfile } from '../../../domain/profile/schema.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction, type ServiceContext } from '../../context.js';
import { loadExampleProfile } from '../reference-data.js';

/** The default profile of the demo: Linyi's current rules. */
export const DEMO_DEFAULT_PROFILE = 'linyi-current';

/**
 * The profile row the demo edition runs under, by code: one already entered (bundled or the
 * office's), else an example from resources/profiles/examples/, entered now as the office would:
 * its departments added to the directory first (a profile may only name departments the
 * directory has), then the profile itself. Throws when there is no such profile.
 */
export async function demoProfile(ctx: ServiceContext, code: string): Promise<{ id: string; rules: RuleProfile }> {
  const [row] = await ctx.db.select({ id: ruleProfiles.id, rules: ruleProfiles.rules }).from(ruleProfiles).where(eq(ruleProfiles.code, code));
  if (row) return row;
  const example = loadExampleProfile(code);
  if (!example) throw new Error(`没有编号为 ${code} 的规则版本（已录入的规则版本或 resources/profiles/examples/${code}.json）`);
  return inTransaction(ctx, async (tctx) => {
    for (const d of example.departments) {
      const [found] = await tctx.tx.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.kind, 'department'), eq(organisations.code, d.code), eq(organisations.name, d.name)));
      if (found) continue;
      const [org] = await tctx.tx.insert(organisations).values({ kind: 'department', name: d.name, code: d.code }).returning();
      await recordAudit(tctx, { action: 'organisation.create', entityType: 'organisation', entityId: org.id, after: org });
    }
    const [created] = await tctx.tx
      .insert(ruleProfiles)
      .values({ code: example.code, name: example.name, validFrom: example.validFrom, validTo: example.validTo, rules: example })
      .returning({ id: ruleProfiles.id, rules: ruleProfiles.rules });
    await recordAudit(tctx, { action: 'profile.create', entityType: 'profile', entityId: created.id, after: { code: example.code } });
    return created;
  });
}
