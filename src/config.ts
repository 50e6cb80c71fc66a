import path from 'node:path';
import { z } from 'zod';

/**
 * PostgreSQL connections per process. Under the deadline rush a transaction holds its
 * connection for every round trip, and each round trip waits for a busy event loop: with
 * 10, submits waited for a connection (server p99 1.6 s); with 20, hardly at all (1.0 s).
 */
export const DEFAULT_POOL_SIZE = 20;

/**
 * Configuration comes only from the environment and is validated once at boot.
 * Every problem is listed before the process exits (ARCHITECTURE habit 9).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  /** Failed logins of one account (or unknown username) before delays start (domain/login-delay.ts). */
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** The longest delay between attempts after repeated failures (there is no hard lock). */
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  /** Set when the server sits behind a TLS-terminating proxy: cookies become Secure. */
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: bool.optional(),
  ADMIN_USERNAME: z.string().min(3).optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  DEMO_PASSWORD: z.string().min(8).optional(),
  /** The first start's password for the audit administrator `auditor` (generated and printed when unset). */
  AUDITOR_PASSWORD: z.string().min(8).optional(),
  MAX_FILE_MB: z.coerce.number().positive().default(50),
  MAX_APPLICATION_MB: z.coerce.number().positive().default(500),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('noreply@localhost'),
  /** Append-only file of HMAC-signed audit chain heads (default DATA_DIR/audit-witness.log). */
  AUDIT_WITNESS_FILE: z.string().min(1).optional(),
  /** The witness's HMAC key, outside the database (default DATA_DIR/audit-witness.key; created 0600 if missing). */
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  /** A request body that sends nothing for this long is cut (a stalled upload). */
  BODY_IDLE_SECONDS: z.coerce.number().positive().default(30),
  /** Upload bodies always read at once (http/upload-gate.ts); more only while the event loop keeps up. */
  UPLOADS_AT_ONCE: z.coerce.number().int().positive().default(8),
  /**
   * The loop's lag under which one more upload is admitted per tick; 0: never more than
   * UPLOADS_AT_ONCE. Small on purpose: on PostgreSQL every round trip of every transaction
   * waits for the loop, so its lag multiplies into each request's time. In the deadline rush
   * (PostgreSQL) the submit's p99 was 958 ms at 10, 357 ms at 2, for 5 % less throughput: the
   * CPU, not the number of uploads read at once, bounds how fast they go.
   */
  UPLOAD_MAX_LAG_MS: z.coerce.number().int().nonnegative().default(2),
  /** PostgreSQL connections per process (with DATABASE_URL). */
  DB_POOL_SIZE: z.coerce.number().int().positive().default(DEFAULT_POOL_SIZE),
  /** After SIGTERM, requests in flight get this long; then their connections are cut. */
  SHUTDOWN_SECONDS: z.coerce.number().positive().default(15),
  /** A transaction holding the database longer than this is logged and reported by /api/health (liveness). */
  DB_HOLD_LIMIT_SECONDS: z.coerce.number().positive().default(10),
  /** End-to-end tests only: a file `{"at": ISO}` that sets the server's clock (src/clock.ts). */
  TEST_CLOCK_FILE: z.string().min(1).optional(),
  /** Where the public reaches the system (the certificates' QR codes point here); default http://localhost:PORT. */
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'must be an http(s) URL without query or fragment')
    .optional(),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolSize: number;
  logLevel: string;
  session: { idleMs: number; absoluteMs: number };
  login: { maxFailures: number; lockMs: number };
  trustProxy: boolean;
  cookieSecure: boolean;
  admin: { username: string | undefined; password: string | undefined };
  demoPassword: string | undefined;
  /** AUDITOR_PASSWORD: the bootstrapped audit administrator's first password, if given. */
  auditorPassword?: string;
  limits: { fileBytes: number; applicationBytes: number };
  smtp: { url: string | undefined; from: string };
  http: { bodyIdleMs: number; shutdownMs: number; uploadsAtOnce: number; uploadMaxLagMs: number };
  /** Liveness bound of one transaction (db/hold-watchdog.ts). */
  dbHoldLimitMs: number;
  audit: { file: string; keyFile: string };
  testClockFile: string | undefined;
  /** Absolute base URL without a trailing slash. */
  publicBaseUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMs: e.LOGIN_LOCK_MINUTES * 60_000 },
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ?? e.TRUST_PROXY,
    admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD },
    demoPassword: e.DEMO_PASSWORD,
    auditorPassword: e.AUDITOR_PASSWORD,
    limits: { fileBytes: e.MAX_FILE_MB * 1024 * 1024, applicationBytes: e.MAX_APPLICATION_MB * 1024 * 1024 },
    smtp: { url: e.SMTP_URL, from: e.MAIL_FROM },
    http: { bodyIdleMs: e.BODY_IDLE_SECONDS * 1000, shutdownMs: e.SHUTDOWN_SECONDS * 1000, uploadsAtOnce: e.UPLOADS_AT_ONCE, uploadMaxLagMs: e.UPLOAD_MAX_LAG_MS },
    dbHoldLimitMs: e.DB_HOLD_LIMIT_SECONDS * 1000,
    audit: {
      file: path.resolve(e.AUDIT_WITNESS_FILE ?? path.join(e.DATA_DIR, 'audit-witness.log')),
      keyFile: path.resolve(e.AUDIT_KEY_FILE ?? path.join(e.DATA_DIR, 'audit-witness.key')),
    },
    testClockFile: e.TEST_CLOCK_FILE ? path.resolve(e.TEST_CLOCK_FILE) : undefined,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
  };
}
