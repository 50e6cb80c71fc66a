import { and, count, eq } from 'drizzle-orm';
import { auditLog, organisations, ruleProfiles } from '../../../src/db/schema/index.js';
import type { TestApp } from './app.js';

export async function profileId(t: TestApp, code: 'linyi-2017' | 'linyi-current'): Promise<string> {
  const [row] = await t.database.db.select({ id: ruleProfiles.id }).from(ruleProfiles).where(eq(ruleProfiles.code, code));
  return row.id;
}

export async function organisationId(t: TestApp, kind: string, name: string): Promise<string> {
  const [row] = await t.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.kind, kind), eq(organisations.name, name)));
  if (!row) throw new Error(`no organisation ${kind} ${name}`);
  return row.id;
}

export async function auditCount(t: TestApp): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(auditLog);
  return Number(row.n);
}
