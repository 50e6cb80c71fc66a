import { and, arrayContains, eq, inArray } from 'drizzle-orm';
import { notifications, outbox, users } from '../db/schema/index.js';
import type { Role } from '../domain/roles.js';
import type { TxContext } from './context.js';

export interface Message {
  kind: string;
  title: string;
  body?: string;
  /** A UI path the recipient opens. */
  link?: string;
}

/** Active users holding `role`, optionally in one organisation: the people a task goes to. */
export async function usersWithRole(tctx: TxContext, role: Role, organisationId?: string | null): Promise<string[]> {
  const rows = await tctx.tx
    .select({ id: users.id })
    .from(users)
    .where(and(arrayContains(users.roles, [role]), eq(users.active, true), organisationId ? eq(users.organisationId, organisationId) : undefined));
  return rows.map((r) => r.id);
}

/**
 * Delivers a message to each person's in-app inbox and, when they have an e-mail address,
 * queues an e-mail in the outbox. Both are written in the caller's transaction: a change that
 * rolls back notifies nobody, and a committed one is never silently unannounced.
 */
export async function notify(tctx: TxContext, userIds: readonly string[], message: Message): Promise<void> {
  const recipients = [...new Set(userIds)];
  if (recipients.length === 0) return;
  await tctx.tx.insert(notifications).values(
    recipients.map((userId) => ({ userId, kind: message.kind, title: message.title, body: message.body ?? '', link: message.link ?? null })),
  );
  const withEmail = await tctx.tx.select({ email: users.email }).from(users).where(inArray(users.id, recipients));
  const mails = withEmail.filter((u): u is { email: string } => Boolean(u.email));
  if (mails.length) {
    const body = `${message.body ?? message.title}\n\n请登录临沂市市长质量奖管理系统处理${message.link ? `：${message.link}` : '。'}`;
    await tctx.tx.insert(outbox).values(mails.map((u) => ({ toAddress: u.email, subject: `【市长质量奖】${message.title}`, body })));
  }
}
