import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '../../../src/contract/errors.js';
import type { TestApp } from './app.js';

/**
 * What the fuzzer checks after each request: the answer keeps the error contract, and a refusal
 * leaves the database exactly as it was.
 */

/**
 * Tables a refusal may legitimately change: counting attempts is the point of `rate_limits`,
 * and a session's sliding expiry moves on every request it makes.
 */
const VOLATILE_TABLES = new Set(['rate_limits', 'sessions']);

let fingerprintSql: string | null = null;

/** One row per table: its row count and an order-independent md5 of its rows. */
export async function fingerprint(t: TestApp): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const tables = (await t.database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as { rows: Array<{ table_name: string }> };
    fingerprintSql = tables.rows
      .map((r) => r.table_name)
      .filter((name) => !VOLATILE_TABLES.has(name))
      .map((name) => `select '${name}' as t, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as f from "${name}" x`)
      .join(' union all ');
  }
  const result = (await t.database.db.execute(sql.raw(fingerprintSql))) as unknown as { rows: Array<{ t: string; f: string }> };
  return Object.fromEntries(result.rows.map((r) => [r.t, r.f]));
}

export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}

const CHINESE = /[\u4e00-\u9fff]/;

/**
 * Problems with an answer (empty when it is fine): never a 5xx; a 4xx carries a known code of
 * its status, a Chinese message, and for `validation_failed` the fields at fault — including
 * `mustName` when the request put text no field accepts there.
 */
export function answerProblems(res: LightMyRequestResponse, mustName: string | null): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) return [`server error ${res.statusCode}`];
  if (res.statusCode < 400) return mustName ? [`accepted text no field accepts at ${mustName} (${res.statusCode})`] : [];
  let body: { code?: string; message?: string; fields?: Array<{ field?: string; message?: string }> };
  try {
    body = res.json();
  } catch {
    return [`refusal ${res.statusCode} is not JSON`];
  }
  const code = body.code as ErrorCode;
  if (!(code in ERROR_CODES)) problems.push(`unknown code ${String(body.code)}`);
  else if (ERROR_CODES[code].status !== res.statusCode) problems.push(`code ${code} is ${ERROR_CODES[code].status}, answered ${res.statusCode}`);
  if (code === 'bad_request') problems.push('unlabelled refusal bad_request');
  if (!CHINESE.test(body.message ?? '')) problems.push(`message not in Chinese: ${body.message}`);
  if (code === 'validation_failed') {
    const fields = body.fields ?? [];
    if (!fields.length) problems.push('validation_failed names no field');
    for (const f of fields) if (!f.field || !CHINESE.test(f.message ?? '')) problems.push(`field entry without a name or a Chinese message: ${JSON.stringify(f)}`);
    if (mustName && !fields.some((f) => f.field === mustName)) problems.push(`does not name ${mustName}: ${JSON.stringify(fields.map((f) => f.field))}`);
  } else if (mustName && res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode !== 413) {
    // Text no field accepts is refused at the edge, before any service (only a missing session or CSRF token, or a size limit, comes first).
    problems.push(`text no field accepts at ${mustName} answered ${code}, not validation_failed`);
  }
  return problems;
}
