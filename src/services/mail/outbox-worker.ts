import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { outbox } from '../../db/schema/index.js';

export interface MailTransport {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * With SMTP_URL, mail goes to that server. Without it, each message is written as an .eml
 * file to <dataDir>/mail (a pickup folder, like many servers' file backends) so nothing is
 * lost and a person or a test can read it.
 */
export function createTransport(config: AppConfig): MailTransport {
  if (config.smtp.url) {
    const transporter = nodemailer.createTransport(config.smtp.url);
    return { send: async (m) => void (await transporter.sendMail({ from: config.smtp.from, to: m.to, subject: m.subject, text: m.text })) };
  }
  const folder = path.join(config.dataDir, 'mail');
  return {
    async send(m) {
      fs.mkdirSync(folder, { recursive: true });
      const name = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`;
      const eml = `From: ${config.smtp.from}\r\nTo: ${m.to}\r\nSubject: =?UTF-8?B?${Buffer.from(m.subject).toString('base64')}?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${m.text}\r\n`;
      fs.writeFileSync(path.join(folder, name), eml);
    },
  };
}

const MAX_ATTEMPTS = 5;

/**
 * Sends what is pending. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so several
 * app processes can run this at once without sending a message twice.
 */
export async function deliverPending(db: Db, transport: MailTransport, now = new Date(), batch = 20): Promise<number> {
  const lease = new Date(now.getTime() + 60_000);
  const claimed = await db.execute<{ id: string; to_address: string; subject: string; body: string; attempts: number }>(sql`
    UPDATE outbox SET locked_until = ${lease.toISOString()}::timestamptz, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE status = 'pending' AND (locked_until IS NULL OR locked_until < ${now.toISOString()}::timestamptz)
      ORDER BY created_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING id, to_address, subject, body, attempts`);
  let sent = 0;
  for (const row of claimed.rows) {
    try {
      await transport.send({ to: row.to_address, subject: row.subject, text: row.body });
      await db.update(outbox).set({ status: 'sent', sentAt: new Date(), lockedUntil: null }).where(eq(outbox.id, row.id));
      sent++;
    } catch (error) {
      const failed = row.attempts >= MAX_ATTEMPTS;
      await db.update(outbox).set({ status: failed ? 'failed' : 'pending', lastError: String((error as Error).message).slice(0, 500) }).where(eq(outbox.id, row.id));
    }
  }
  return sent;
}

/** Runs the outbox every few seconds until stopped; never keeps the process alive by itself. */
export function startOutboxWorker(db: Db, config: AppConfig, intervalMs = 3000): { stop(): Promise<void> } {
  const transport = createTransport(config);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => deliverPending(db, transport)).catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
