import { and, asc, eq } from 'drizzle-orm';
import type { Expert } from '../../contract/technical.js';
import { experts, users } from '../../db/schema/index.js';
import { expertInputSchemaAt, type ExpertInput } from '../../domain/experts/expert.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { hasRole } from '../../domain/roles.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { conflict, invalid, isUniqueViolation, notFound, ServiceError } from '../errors.js';
import { insertUser, withPasswordHash } from '../users.js';
import { requireAgency, type ExpertRow } from './actors.js';

/** The agency's expert pool (Art. 8, 15): who may be put on a panel, and what may conflict. */

export function presentExpert(row: ExpertRow, username: string | null): Expert {
  return {
    id: row.id,
    name: row.name,
    unit: row.unit,
    title: row.title,
    industries: row.industries,
    countyName: row.countyName,
    phone: row.phone,
    email: row.email,
    formerEmployers: row.formerEmployers,
    relativesUnits: row.relativesUnits,
    advisedUnits: row.advisedUnits,
    available: row.available,
    maxLoad: row.maxLoad,
    username,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const businessYear = (ctx: ServiceContext | TxContext) => Number(shanghaiToday(ctx.now()).slice(0, 4));

/** Validates an expert against the business year (no employment in the future); the edge checked the shape. */
export function checkExpert(ctx: ServiceContext | TxContext, input: unknown): ExpertInput {
  const parsed = expertInputSchemaAt(businessYear(ctx)).safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  return parsed.data;
}

const columns = (input: ExpertInput) => ({
  name: input.name,
  unit: input.unit,
  title: input.title,
  industries: input.industries,
  countyName: input.countyName ?? null,
  phone: input.phone,
  email: input.email || null,
  formerEmployers: input.formerEmployers,
  relativesUnits: input.relativesUnits,
  advisedUnits: input.advisedUnits,
  available: input.available,
  maxLoad: input.maxLoad,
});

/** The pool: the agency reads its own; the office reads every agency's (it contracts them). */
export async function listExperts(ctx: ServiceContext): Promise<{ items: Expert[] }> {
  const officeReads = hasRole(ctx.actor, 'office');
  const agencyId = officeReads ? null : requireAgency(ctx);
  const rows = await ctx.db
    .select({ expert: experts, username: users.username })
    .from(experts)
    .leftJoin(users, eq(users.id, experts.userId))
    .where(agencyId ? eq(experts.agencyId, agencyId) : undefined)
    .orderBy(asc(experts.name), asc(experts.id));
  return { items: rows.map((r) => presentExpert(r.expert, r.username)) };
}

async function loadOwnExpert(tctx: TxContext, agencyId: string, id: string): Promise<ExpertRow> {
  const [row] = await tctx.tx.select().from(experts).where(and(eq(experts.id, id), eq(experts.agencyId, agencyId))).for('update');
  if (!row) throw notFound('专家');
  return row;
}

const duplicate = () => conflict('expert_exists', '专家库中已有同名同单位的专家', [{ field: 'name', message: '专家库中已有同名同单位的专家' }]);

/** Inserts or, with `id`, updates one expert inside a transaction; the import uses it row by row. */
export async function saveExpert(tctx: TxContext, agencyId: string, input: ExpertInput, id?: string): Promise<string> {
  try {
    if (id) {
      const before = await loadOwnExpert(tctx, agencyId, id);
      await tctx.tx.update(experts).set({ ...columns(input), updatedAt: tctx.now() }).where(eq(experts.id, id));
      await recordAudit(tctx, { action: 'expert.update', entityType: 'expert', entityId: id, before: columns({ ...before, email: before.email ?? undefined } as ExpertInput), after: columns(input) });
      return id;
    }
    const [row] = await tctx.tx.insert(experts).values({ agencyId, ...columns(input) }).returning({ id: experts.id });
    await recordAudit(tctx, { action: 'expert.create', entityType: 'expert', entityId: row.id, after: columns(input) });
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error, 'experts_agency_name_unit_uq')) throw duplicate();
    throw error;
  }
}

async function presentOne(ctx: ServiceContext, id: string): Promise<Expert> {
  const [row] = await ctx.db.select({ expert: experts, username: users.username }).from(experts).leftJoin(users, eq(users.id, experts.userId)).where(eq(experts.id, id));
  return presentExpert(row.expert, row.username);
}

export async function createExpert(ctx: ServiceContext, input: unknown): Promise<Expert> {
  const agencyId = requireAgency(ctx);
  const valid = checkExpert(ctx, input);
  const id = await inTransaction(ctx, (tctx) => saveExpert(tctx, agencyId, valid));
  return presentOne(ctx, id);
}

export async function updateExpert(ctx: ServiceContext, id: string, input: unknown): Promise<Expert> {
  const agencyId = requireAgency(ctx);
  const valid = checkExpert(ctx, input);
  await inTransaction(ctx, (tctx) => saveExpert(tctx, agencyId, valid, id));
  return presentOne(ctx, id);
}

/** Opens a login for an expert of the pool (role expert, attached to the agency). */
export async function openExpertAccount(ctx: ServiceContext, id: string, input: { username: string; password: string }): Promise<Expert> {
  const agencyId = requireAgency(ctx);
  // Hashed before the transaction (the display name is the expert's, filled in below).
  const { passwordHash } = await withPasswordHash({ username: input.username, displayName: '', password: input.password, roles: ['expert'] });
  await inTransaction(ctx, async (tctx) => {
    const row = await loadOwnExpert(tctx, agencyId, id);
    if (row.userId) throw new ServiceError('expert_has_account', '该专家已开通账号', [{ field: 'username', message: '该专家已开通账号' }]);
    const userId = await insertUser(tctx, { username: input.username, displayName: row.name, password: input.password, passwordHash, roles: ['expert'], organisationId: agencyId, phone: row.phone, email: row.email ?? undefined });
    await tctx.tx.update(experts).set({ userId, updatedAt: tctx.now() }).where(eq(experts.id, id));
    await recordAudit(tctx, { action: 'expert.account', entityType: 'expert', entityId: id, after: { userId, username: input.username } });
  });
  return presentOne(ctx, id);
}
