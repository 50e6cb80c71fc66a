import { and, arrayOverlaps, asc, eq } from 'drizzle-orm';
import type { UserList, UserRecord } from '../contract/directory.js';
import { organisations, users } from '../db/schema/index.js';
import { decisionView } from '../domain/policies/decision.js';
import { accountPolicy, roleChangeLeavesDutyEmpty, userCollectionPolicy, userPolicy, type AccountFacts } from '../domain/policies/users.js';
import { passwordProblem } from '../domain/password-rules.js';
import { EXCLUSIVE_OPERATOR_ROLES, ROLE_ORGANISATION_KIND, roleSetProblem, type Role } from '../domain/roles.js';
import { recordAudit } from './audit/record.js';
import { hashPassword } from './auth/passwords.js';
import { invalidateSessions } from './auth/session-invalidation.js';
import { revokeUserSessions } from './auth/sessions.js';
import type { DbOrTx } from '../db/connection.js';
import { inTransaction, type ServiceContext, type TxContext } from './context.js';
import { conflict, ensure, invalid, isUniqueViolation, notFound, type FieldError } from './errors.js';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  organisationId?: string | null;
  email?: string | null;
  phone?: string | null;
}

const publicColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  roles: users.roles,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  active: users.active,
  lockedUntil: users.lockedUntil,
};

type Holders = ReadonlyMap<Role, readonly string[]>;

/** Active holders of each operator role; `lock` holds their rows so two administrators cannot both disable the last two. */
async function operatorHolders(db: DbOrTx, lock = false): Promise<Holders> {
  const query = db
    .select({ id: users.id, roles: users.roles })
    .from(users)
    .where(and(eq(users.active, true), arrayOverlaps(users.roles, [...EXCLUSIVE_OPERATOR_ROLES])));
  const rows = lock ? await query.for('update') : await query;
  return new Map(EXCLUSIVE_OPERATOR_ROLES.map((r) => [r, rows.filter((u) => u.roles.includes(r)).map((u) => u.id)]));
}

function accountFacts(u: { id: string; roles: string[]; active: boolean }, holders: Holders): AccountFacts {
  const roles = u.roles as Role[];
  const sole = u.active ? roles.find((r) => holders.get(r)?.length === 1 && holders.get(r)![0] === u.id) : undefined;
  return { id: u.id, roles, active: u.active, soleOperatorRole: sole ?? null };
}

type UserRow = { id: string; active: boolean; lockedUntil: Date | null; roles: string[] } & Omit<UserRecord, 'id' | 'active' | 'lockedUntil' | 'roles' | 'abilities'>;

const presentUser = (ctx: ServiceContext, u: UserRow, holders: Holders): UserRecord => {
  const facts = accountFacts(u, holders);
  return {
    ...u,
    roles: facts.roles as Role[],
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    abilities: {
      view: decisionView(userPolicy.view(ctx.actor, facts)),
      update: decisionView(userPolicy.update(ctx.actor, facts)),
      unlock: decisionView(userPolicy.unlock(ctx.actor, facts)),
      disable: decisionView(accountPolicy.disable(ctx.actor, facts)),
    },
  };
};

export async function listUsers(ctx: ServiceContext): Promise<UserList> {
  ensure(userCollectionPolicy.list(ctx.actor, { roles: [] }));
  const rows = await ctx.db
    .select(publicColumns)
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .orderBy(asc(users.username));
  const holders = await operatorHolders(ctx.db);
  return {
    items: rows.map((u) => presentUser(ctx, u, holders)),
    // The system administrator creates business accounts, the security administrator operator ones.
    abilities: { create: userCollectionPolicy.create(ctx.actor, { roles: [] }).ok || userCollectionPolicy.create(ctx.actor, { roles: ['auditadmin'] }).ok },
  };
}

/** Roles that act for a body need an organisation of the right kind. */
async function checkRolesAndOrganisation(
  tctx: TxContext,
  roles: Role[],
  organisationId: string | null | undefined,
): Promise<void> {
  const fields: FieldError[] = [];
  const roleProblem = roleSetProblem(roles);
  if (roles.length === 0) fields.push({ field: 'roles', message: '至少选择一个角色' });
  if (roleProblem) fields.push({ field: 'roles', message: roleProblem });
  let orgKind: string | null = null;
  if (organisationId) {
    const [org] = await tctx.tx.select().from(organisations).where(eq(organisations.id, organisationId));
    if (!org) fields.push({ field: 'organisationId', message: '所属机构不存在' });
    else orgKind = org.kind;
  }
  for (const role of roles) {
    const needed = ROLE_ORGANISATION_KIND[role];
    if (needed && orgKind !== needed) {
      fields.push({ field: 'organisationId', message: '该角色须隶属于相应类型的机构（县区、部门或第三方机构）' });
      break;
    }
  }
  if (fields.length) throw invalid(fields);
}

/** A new account's password checked and hashed (argon2, ~0.1 s) before its transaction, so the transaction holds the database for its SQL alone. */
export async function withPasswordHash<T extends NewUser>(input: T): Promise<T & { passwordHash: string }> {
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw invalid([{ field: 'password', message: problem }]);
  return { ...input, passwordHash: await hashPassword(input.password) };
}

/**
 * Creates an account inside an existing transaction (also used by registration and seeding).
 * Request paths pass the input through withPasswordHash first; seeding may let it hash here.
 */
export async function insertUser(tctx: TxContext, input: NewUser & { passwordHash?: string }): Promise<string> {
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw invalid([{ field: 'password', message: problem }]);
  await checkRolesAndOrganisation(tctx, input.roles, input.organisationId);
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  try {
    const [row] = await tctx.tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        roles: input.roles,
        organisationId: input.organisationId ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
      })
      .returning({ id: users.id });
    const after = { username: input.username, displayName: input.displayName, roles: input.roles, organisationId: input.organisationId ?? null };
    await recordAudit(tctx, { action: 'user.create', entityType: 'user', entityId: row.id, after });
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('username_taken', '用户名已被使用', [{ field: 'username', message: '用户名已被使用' }]);
    throw error;
  }
}

export async function createUser(ctx: ServiceContext, input: NewUser): Promise<UserRecord> {
  ensure(userCollectionPolicy.create(ctx.actor, { roles: input.roles }));
  const hashed = await withPasswordHash(input);
  const id = await inTransaction(ctx, (tctx) => insertUser(tctx, hashed));
  return getUser(ctx, id);
}

export async function getUser(ctx: ServiceContext, id: string): Promise<UserRecord> {
  ensure(userCollectionPolicy.list(ctx.actor, { roles: [] }));
  const [row] = await ctx.db
    .select(publicColumns)
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, id));
  if (!row) throw notFound('用户');
  return presentUser(ctx, row, await operatorHolders(ctx.db));
}

export interface UserChange {
  displayName?: string;
  roles?: Role[];
  organisationId?: string | null;
  active?: boolean;
}

export async function updateUser(ctx: ServiceContext, id: string, change: UserChange): Promise<UserRecord> {
  const updated = await inTransaction(ctx, async (tctx) => {
    const [before] = await tctx.tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before || !userPolicy.view(ctx.actor, { roles: before.roles as Role[] }).ok) throw notFound('用户');
    ensure(userPolicy.update(ctx.actor, { roles: before.roles as Role[] }));
    const facts = accountFacts(before, await operatorHolders(tctx.tx, true));
    if (change.active === false && before.active) ensure(accountPolicy.disable(ctx.actor, facts));
    const roles = change.roles ?? (before.roles as Role[]);
    const rolesChange = change.roles && [...change.roles].sort().join() !== [...before.roles].sort().join();
    if (change.roles) ensure(userPolicy.update(ctx.actor, { roles }));
    if (rolesChange) {
      ensure(accountPolicy.changeRoles(ctx.actor, facts));
      ensure(roleChangeLeavesDutyEmpty(facts, roles));
    }
    const organisationId = change.organisationId === undefined ? before.organisationId : change.organisationId;
    await checkRolesAndOrganisation(tctx, roles, organisationId);
    const next = {
      displayName: change.displayName ?? before.displayName,
      roles,
      organisationId,
      active: change.active ?? before.active,
    };
    await tctx.tx.update(users).set(next).where(eq(users.id, id));
    const pick = (u: typeof next) => ({ displayName: u.displayName, roles: u.roles, organisationId: u.organisationId, active: u.active });
    await recordAudit(tctx, { action: 'user.update', entityType: 'user', entityId: id, before: pick({ ...before, roles: before.roles as Role[] }), after: pick(next) });
    // Deactivation or a role change ends existing sessions so the new rights apply at once;
    // a new name or organisation shows in the sessions that remain.
    if (change.active === false || change.roles) await revokeUserSessions(tctx.tx, id, ctx.now());
    await invalidateSessions(tctx.tx, { kind: 'user', userId: id });
    return next;
  });
  void updated;
  return getUser(ctx, id);
}

export async function unlockUser(ctx: ServiceContext, id: string): Promise<UserRecord> {
  await inTransaction(ctx, async (tctx) => {
    const [before] = await tctx.tx.select().from(users).where(eq(users.id, id));
    if (!before || !userPolicy.view(ctx.actor, { roles: before.roles as Role[] }).ok) throw notFound('用户');
    ensure(userPolicy.unlock(ctx.actor, { roles: before.roles as Role[] }));
    await tctx.tx.update(users).set({ lockedUntil: null, failedLogins: 0 }).where(eq(users.id, id));
    await invalidateSessions(tctx.tx, { kind: 'user', userId: id });
    await recordAudit(tctx, { action: 'user.unlock', entityType: 'user', entityId: id, before: { lockedUntil: before.lockedUntil } });
  });
  return getUser(ctx, id);
}
