import { and, eq } from 'drizzle-orm';
import { organisations, ruleProfiles } from '../../db/schema/index.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { loadAreas, loadBundledProfiles } from './reference-data.js';

/**
 * Idempotent start-up seed: the bundled rule profiles and, from the default profile,
 * the organisation directory (counties/districts/zones and the Art. 15 departments).
 * Rows already present (matched by profile code, or organisation kind + name) are left
 * alone, so the office's edits survive restarts.
 */
export async function seedReferenceData(ctx: ServiceContext): Promise<void> {
  const profiles = loadBundledProfiles();
  const areas = loadAreas();
  await inTransaction(ctx, async (tctx) => {
    for (const profile of profiles) {
      const [existing] = await tctx.tx.select({ id: ruleProfiles.id }).from(ruleProfiles).where(eq(ruleProfiles.code, profile.code));
      if (existing) continue;
      const [row] = await tctx.tx
        .insert(ruleProfiles)
        .values({ code: profile.code, name: profile.name, validFrom: profile.validFrom, validTo: profile.validTo, rules: profile })
        .returning({ id: ruleProfiles.id });
      await recordAudit(tctx, { action: 'profile.create', entityType: 'profile', entityId: row.id, after: { code: profile.code } });
    }
    const defaultProfile = profiles.find((p) => p.code === 'linyi-2017') ?? profiles[0];
    const wanted = [
      ...areas.areas.map((a) => ({ kind: 'county', name: a.name, code: a.code ?? null })),
      ...defaultProfile.departments.map((d) => ({ kind: 'department', name: d.name, code: d.code })),
      { kind: 'office', name: '临沂市质量强市工作领导小组办公室', code: 'qsb' },
    ];
    for (const org of wanted) {
      const [existing] = await tctx.tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.kind, org.kind), eq(organisations.name, org.name)));
      if (existing) continue;
      const [row] = await tctx.tx.insert(organisations).values(org).returning();
      await recordAudit(tctx, { action: 'organisation.create', entityType: 'organisation', entityId: row.id, after: row });
    }
  });
}
