/**
 * Faults of the machine rather than of the request: the database cannot be reached, or the
 * disk is full. They get their own answers (503 / 507, contract/errors.ts) so a client or a
 * load balancer can tell "try again shortly" from "our bug".
 */
export type Fault = 'database_unavailable' | 'database_busy' | 'storage_full';

/** Node network errors of a database connection that cannot be made or was lost. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** PostgreSQL SQLSTATEs of a server that is shutting down, restarting or refusing connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres, pg-pool and PGlite say "connection lost / closed" only in their messages. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|is not queryable|PGlite is closed|Cannot use a pool after calling end|connection timeout/i;

/**
 * pg-pool's answer when every pooled connection stayed busy for the whole connection timeout:
 * the database is up, the app is saturated. A new connection that cannot be made says
 * "Connection terminated due to connection timeout" instead.
 */
const POOL_EXHAUSTED_MESSAGE = /^timeout exceeded when trying to connect$/;

/** PGlite's (Emscripten's) file system throws `ErrnoError { errno }` with its own numbering: 51 is ENOSPC. */
const PGLITE_ENOSPC = 51;

function classifyOne(error: { code?: unknown; message?: unknown; name?: unknown; errno?: unknown }): Fault | null {
  if (error.name === 'ErrnoError' && error.errno === PGLITE_ENOSPC) return 'storage_full';
  const code = typeof error.code === 'string' ? error.code : '';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return 'storage_full';
  if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) return 'database_unavailable';
  if (typeof error.message === 'string' && POOL_EXHAUSTED_MESSAGE.test(error.message)) return 'database_busy';
  if (typeof error.message === 'string' && UNAVAILABLE_MESSAGE.test(error.message)) return 'database_unavailable';
  return null;
}

/** Looks through wrappers (drizzle's query error, `cause`, AggregateError) for a fault; null if none. */
export function classifyFault(error: unknown): Fault | null {
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 12; seen++) {
    const current = queue.shift();
    if (!current || typeof current !== 'object') continue;
    const found = classifyOne(current as Parameters<typeof classifyOne>[0]);
    if (found) return found;
    const { cause, errors } = current as { cause?: unknown; errors?: unknown };
    if (cause) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return null;
}

/** The Chinese message of each fault, as the API sends it. */
export const FAULT_MESSAGES: Record<Fault, string> = {
  database_unavailable: '服务暂时不可用（数据库无法连接），请稍后重试',
  database_busy: '服务繁忙，请稍后重试',
  storage_full: '服务器存储空间已满，暂时无法保存，请联系系统管理员',
};
