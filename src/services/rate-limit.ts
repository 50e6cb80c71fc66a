import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { rateLimits } from '../db/schema/index.js';
import { ServiceError } from './errors.js';

export interface RateLimit {
  /** What is limited, e.g. 'login' — combined with the client's address into the key. */
  name: string;
  max: number;
  windowMs: number;
  message: string;
}

// Generous on purpose: a county office or a company sits behind one NAT address, and the
// per-account login delays already stop guessing one password. These stop floods from one client.
export const LOGIN_PER_ADDRESS: RateLimit = { name: 'login', max: 300, windowMs: 15 * 60_000, message: '登录尝试过于频繁，请稍后再试' };
// Registration tries (each needs a fresh e-mail code, which itself is limited above).
export const REGISTER_PER_ADDRESS: RateLimit = { name: 'register', max: 60, windowMs: 60 * 60_000, message: '注册尝试过于频繁，请稍后再试' };
export const CODES_PER_ADDRESS: RateLimit = { name: 'register-code', max: 60, windowMs: 60 * 60_000, message: '验证码请求过于频繁，请稍后再试' };
// Survey code lookups (reading or answering a questionnaire): a whole workforce may answer from
// the company's one address, two lookups each; guessing a 50-bit code needs ~10^10 tries.
export const SURVEY_CODE_PER_ADDRESS: RateLimit = { name: 'survey-code', max: 600, windowMs: 60 * 60_000, message: '测评码查询过于频繁，请稍后再试' };

/**
 * Counts one hit for (limit, client) in a fixed window with a single atomic upsert, and
 * refuses with 429 past the maximum. Shared by all app processes through the database.
 */
export async function hitRateLimit(db: Db, limit: RateLimit, client: string, now: Date): Promise<void> {
  const key = `${limit.name}:${client}`;
  const windowFloor = new Date(now.getTime() - limit.windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`CASE WHEN ${rateLimits.windowStart} < ${windowFloor.toISOString()}::timestamptz THEN 1 ELSE ${rateLimits.hits} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} < ${windowFloor.toISOString()}::timestamptz THEN ${now.toISOString()}::timestamptz ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning({ hits: rateLimits.hits });
  if (row.hits > limit.max) throw new ServiceError('too_many_requests', limit.message);
}
