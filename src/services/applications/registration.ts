import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { contactVerifications, organisations, outbox, users } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { passwordProblem } from '../../domain/password-rules.js';
import { normaliseCreditCode, normaliseIdNumber, validateCreditCode, validateIdNumber } from '../../domain/identity/index.js';
import { recordAudit } from '../audit/record.js';
import { openSession } from '../auth/sessions.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { conflict, invalid, isUniqueViolation, ServiceError, type FieldError } from '../errors.js';
import { insertUser, withPasswordHash } from '../users.js';

const CODE_TTL_MS = 15 * 60_000;
const CODE_RESEND_MS = 60_000;
const CODE_MAX_ATTEMPTS = 5;
const hashCode = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest('hex');

/** Sends a 6-digit code to the e-mail address an applicant registers with (verified contact). */
export async function sendRegistrationCode(ctx: ServiceContext, email: string): Promise<void> {
  const contact = email.trim().toLowerCase();
  const [recent] = await ctx.db
    .select()
    .from(contactVerifications)
    .where(and(eq(contactVerifications.contact, contact), gt(contactVerifications.createdAt, new Date(ctx.now().getTime() - CODE_RESEND_MS))))
    .limit(1);
  if (recent) throw new ServiceError('too_many_requests', '验证码发送过于频繁，请 1 分钟后再试');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contactVerifications)
      .values({ contact, codeHash: 'pending', expiresAt: new Date(ctx.now().getTime() + CODE_TTL_MS), createdAt: ctx.now() })
      .returning();
    await tx.update(contactVerifications).set({ codeHash: hashCode(row.id, code) }).where(eq(contactVerifications.id, row.id));
    await tx.insert(outbox).values({
      toAddress: contact,
      subject: '【市长质量奖】注册验证码',
      body: `您的注册验证码为：${code}，15 分钟内有效。如非本人操作，请忽略本邮件。`,
    });
  });
}

export interface Registration {
  kind: 'unit' | 'individual';
  identityCode: string;
  name: string;
  username: string;
  password: string;
  email: string;
  phone: string;
  emailCode: string;
}

/**
 * Finds the newest unused code for the address and checks it without using it up: the code is
 * consumed only by a successful registration (useCode, in the account's transaction). A wrong
 * code counts an attempt; five burn it.
 */
async function checkCode(ctx: ServiceContext, email: string, code: string): Promise<string | null> {
  const [row] = await ctx.db
    .select()
    .from(contactVerifications)
    .where(and(eq(contactVerifications.contact, email), isNull(contactVerifications.usedAt)))
    .orderBy(desc(contactVerifications.createdAt))
    .limit(1);
  if (!row || row.expiresAt < ctx.now() || row.attempts >= CODE_MAX_ATTEMPTS) return null;
  if (row.codeHash !== hashCode(row.id, code)) {
    await countCodeAttempt(ctx, row.id);
    return null;
  }
  return row.id;
}

async function countCodeAttempt(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.update(contactVerifications).set({ attempts: sql`${contactVerifications.attempts} + 1` }).where(eq(contactVerifications.id, id));
}

const codeInvalid = () => new ServiceError('code_invalid', '邮箱验证码错误或已过期', [{ field: 'emailCode', message: '验证码错误或已过期' }]);

/** Every problem of the form the rules can see before the database, reported together. */
function fieldProblems(input: Registration, identityCode: string, today: string): FieldError[] {
  const fields: FieldError[] = [];
  const check = input.kind === 'unit' ? validateCreditCode(identityCode) : validateIdNumber(identityCode, { today });
  if (!check.ok) fields.push({ field: 'identityCode', message: check.message });
  const weak = passwordProblem(input.password, input.username);
  if (weak) fields.push({ field: 'password', message: weak });
  return fields;
}

/**
 * Self-registration of an applicant unit (by its credit code) or individual (by ID number),
 * with a verified e-mail address. One account per code. Signs the new account in.
 *
 * Against enumeration, in this order: every field problem at once; then the e-mail code
 * (so only the owner of a fresh code learns whether a code or username is taken); then, in
 * one transaction, the code is used up, uniqueness checked and the account created, so any
 * refusal leaves the code usable. A "taken" answer counts as a wrong try of the code (five
 * burn it), which bounds the lookups one code buys; the route also limits tries per client.
 */
export async function registerApplicant(ctx: ServiceContext, input: Registration) {
  const identityCode = input.kind === 'unit' ? normaliseCreditCode(input.identityCode) : normaliseIdNumber(input.identityCode);
  const problems = fieldProblems(input, identityCode, shanghaiToday(ctx.now()));
  if (problems.length) throw invalid(problems);
  const email = input.email.trim().toLowerCase();
  const codeId = await checkCode(ctx, email, input.emailCode.trim());
  if (!codeId) throw codeInvalid();
  const identityTaken = () =>
    conflict('identity_registered', input.kind === 'unit' ? '该统一社会信用代码已注册账号' : '该身份证号码已注册账号', [{ field: 'identityCode', message: '已注册' }]);
  const account = await withPasswordHash({
    username: input.username,
    displayName: input.name,
    password: input.password,
    roles: [input.kind === 'unit' ? ('applicant_unit' as const) : ('applicant_individual' as const)],
    email,
    phone: input.phone,
  });
  try {
    const userId = await inTransaction(ctx, async (tctx) => {
      const [used] = await tctx.tx
        .update(contactVerifications)
        .set({ usedAt: ctx.now() })
        .where(and(eq(contactVerifications.id, codeId), isNull(contactVerifications.usedAt)))
        .returning({ id: contactVerifications.id });
      if (!used) throw codeInvalid();
      const [taken] = await tctx.tx.select({ id: users.id }).from(users).where(eq(users.identityCode, identityCode));
      if (taken) throw identityTaken();
      let organisationId: string | null = null;
      if (input.kind === 'unit') {
        const [org] = await tctx.tx.insert(organisations).values({ name: input.name, kind: 'applicant', code: identityCode }).returning();
        organisationId = org.id;
      }
      const id = await insertUser(tctx, { ...account, organisationId });
      await tctx.tx.update(users).set({ identityCode }).where(eq(users.id, id));
      await recordAudit({ ...tctx, actor: { userId: id, roles: [], organisationId } }, { action: 'account.register', entityType: 'user', entityId: id, after: { kind: input.kind, name: input.name } });
      return id;
    });
    const session = await openSession(ctx.db, userId, ctx.now(), ctx.config.session.absoluteMs);
    return { ...session, userId };
  } catch (error) {
    const refusal = isUniqueViolation(error, 'users_identity_code_unique') ? identityTaken() : error;
    if (refusal instanceof ServiceError && (refusal.code === 'identity_registered' || refusal.code === 'username_taken')) await countCodeAttempt(ctx, codeId);
    throw refusal;
  }
}
