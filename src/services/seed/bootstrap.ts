import { randomBytes } from 'node:crypto';
import { arrayContains } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { Role } from '../../domain/roles.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { insertUser } from '../users.js';

export interface CreatedCredential {
  username: string;
  password: string;
  role: Role;
  generated: boolean;
}

/** A random password that always meets the password rule (upper, lower, digit, symbol). */
export function generatePassword(): string {
  return `Qa7-${randomBytes(12).toString('base64url')}`;
}

/**
 * On the first start, creates the three separated operator accounts. Nothing ships with a
 * fixed password: the system administrator's comes from ADMIN_PASSWORD and the audit
 * administrator's from AUDITOR_PASSWORD (e.g. for the browser tests), else they are generated like
 * the security administrator's, and all are returned so the caller can print them once.
 */
export async function bootstrapOperators(ctx: ServiceContext): Promise<CreatedCredential[]> {
  const [anyAdmin] = await ctx.db.select({ id: users.id }).from(users).where(arrayContains(users.roles, ['sysadmin'])).limit(1);
  if (anyAdmin) return [];
  const wanted: Array<{ role: Role; username: string; displayName: string; password?: string }> = [
    { role: 'sysadmin', username: ctx.config.admin.username ?? 'admin', displayName: '系统管理员', password: ctx.config.admin.password },
    { role: 'secadmin', username: 'secadmin', displayName: '安全管理员' },
    { role: 'auditadmin', username: 'auditor', displayName: '审计管理员', password: ctx.config.auditorPassword },
  ];
  return inTransaction(ctx, async (tctx) => {
    const created: CreatedCredential[] = [];
    for (const w of wanted) {
      const password = w.password ?? generatePassword();
      try {
        await insertUser(tctx, { username: w.username, displayName: w.displayName, password, roles: [w.role] });
      } catch (error) {
        // Say which setting is at fault: only ADMIN_USERNAME/ADMIN_PASSWORD come from outside.
        if (error instanceof ServiceError && w.password) {
          const [userVar, passwordVar] = w.role === 'sysadmin' ? ['ADMIN_USERNAME', 'ADMIN_PASSWORD'] : ['username', 'AUDITOR_PASSWORD'];
          throw new ServiceError(error.code, w.role === 'sysadmin' ? `ADMIN_USERNAME/ADMIN_PASSWORD 不可用` : `AUDITOR_PASSWORD 不可用`, error.fields?.map((f) => ({ field: f.field === 'password' ? passwordVar : userVar, message: f.message })));
        }
        throw error;
      }
      created.push({ username: w.username, password, role: w.role, generated: !w.password });
    }
    return created;
  });
}
