import { and, asc, eq } from 'drizzle-orm';
import type { CountyList, CurrentEdition, Industries } from '../contract/intake.js';
import { organisations } from '../db/schema/index.js';
import { SCHEDULE_MILESTONES } from '../domain/edition-schedule.js';
import { findOpenEdition } from './editions.js';
import type { ServiceContext } from './context.js';
import { notFound } from './errors.js';
import { loadIndustries } from './seed/reference-data.js';

let industries: ReturnType<typeof loadIndustries> | undefined;

/** GB/T 4754-2017 sections and divisions, read once. */
export function industryClassification(): Industries {
  industries ??= loadIndustries();
  return { sections: industries.sections };
}

export async function activeCounties(ctx: ServiceContext): Promise<CountyList> {
  const rows = await ctx.db
    .select({ id: organisations.id, name: organisations.name, code: organisations.code })
    .from(organisations)
    .where(and(eq(organisations.kind, 'county'), eq(organisations.active, true)))
    .orderBy(asc(organisations.code), asc(organisations.name));
  return { items: rows };
}

/** The open edition with what its application form needs from the profile (public). */
export async function currentEdition(ctx: ServiceContext): Promise<CurrentEdition> {
  const row = await findOpenEdition(ctx.db);
  if (!row) throw notFound('正在进行的届次');
  const rules = row.profile.rules;
  return {
    id: row.edition.id,
    name: row.edition.name,
    number: row.edition.number,
    year: row.edition.year,
    applicationDeadline: row.edition.schedule?.applicationDeadline ?? null,
    schedule: Object.fromEntries(SCHEDULE_MILESTONES.flatMap(({ key }) => (row.edition.schedule?.[key] ? [[key, row.edition.schedule[key]]] : []))),
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
