import { and, asc, desc, eq } from 'drizzle-orm';
import { editions, organisations, ruleProfiles } from '../db/schema/index.js';
import type { ServiceContext } from './context.js';
import { notFound } from './errors.js';
import { loadIndustries } from './seed/reference-data.js';

let industries: ReturnType<typeof loadIndustries> | undefined;

/** GB/T 4754-2017 sections and divisions, read once. */
export function industryClassification() {
  industries ??= loadIndustries();
  return { sections: industries.sections };
}

export async function activeCounties(ctx: ServiceContext) {
  const rows = await ctx.db
    .select({ id: organisations.id, name: organisations.name, code: organisations.code })
    .from(organisations)
    .where(and(eq(organisations.kind, 'county'), eq(organisations.active, true)))
    .orderBy(asc(organisations.code), asc(organisations.name));
  return { items: rows };
}

/** The open edition with what its application form needs from the profile (public). */
export async function currentEdition(ctx: ServiceContext) {
  const [row] = await ctx.db
    .select({ edition: editions, profile: ruleProfiles })
    .from(editions)
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
    .where(eq(editions.status, 'open'))
    .orderBy(desc(editions.number))
    .limit(1);
  if (!row) throw notFound('正在进行的届次');
  const rules = row.profile.rules;
  return {
    id: row.edition.id,
    name: row.edition.name,
    number: row.edition.number,
    year: row.edition.year,
    applicationDeadline: row.edition.schedule?.applicationDeadline ?? null,
    profile: {
      awardName: rules.awardName,
      preferenceCategories: rules.preference.categories,
      preferenceMode: rules.preference.mode,
      scoringTemplates: rules.scoringTemplates,
      departments: rules.departments,
      eligibility: rules.eligibility,
    },
  };
}
