import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../../config.js';
import { organisations } from '../../db/schema/index.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { openConfiguredDatabase, systemContext } from '../../runtime.js';
import { inTransaction } from '../../services/context.js';
import { ServiceError } from '../../services/errors.js';
import { insertUser } from '../../services/users.js';
import type { CliIo } from '../io.js';

/** `user create <username> <display name> <roles> [--org <name>]`; the password comes from NEW_PASSWORD. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const orgFlag = args.indexOf('--org');
  const orgName = orgFlag >= 0 ? args[orgFlag + 1] : undefined;
  const positional = orgFlag >= 0 ? args.slice(0, orgFlag) : args;
  const [verb, username, displayName, roleList] = positional;
  const password = process.env.NEW_PASSWORD;
  if (verb !== 'create' || !username || !displayName || !roleList || !password) {
    io.stderr('usage: NEW_PASSWORD=… user create <username> <display name> <role>[,role] [--org <organisation name>]\n');
    return 2;
  }
  const roles = roleList.split(',');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) {
    io.stderr(`unknown role(s): ${unknown.join(', ')}; roles: ${ROLES.join(', ')}\n`);
    return 2;
  }
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const ctx = systemContext(database, config, 'cli-user');
    const id = await inTransaction(ctx, async (tctx) => {
      let organisationId: string | null = null;
      if (orgName) {
        const [org] = await tctx.tx.select().from(organisations).where(and(eq(organisations.name, orgName)));
        if (!org) throw new ServiceError('not_found', `机构不存在：${orgName}`);
        organisationId = org.id;
      }
      return insertUser(tctx, { username, displayName, password, roles: roles as Role[], organisationId });
    });
    io.stdout(`${id}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ServiceError) {
      io.stderr(`${error.message}${error.fields ? `: ${error.fields.map((f) => `${f.field} ${f.message}`).join('; ')}` : ''}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}
