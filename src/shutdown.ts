import type { FastifyInstance } from 'fastify';
import { fileStoreFor } from './services/files/store.js';

export interface ShutdownParts {
  app: FastifyInstance;
  /** How long requests in flight get before their connections are cut. */
  deadlineMs: number;
  dataDir: string;
  /** Background work (timers, the outbox worker), stopped once HTTP is closed. */
  background?: Array<() => void | Promise<void>>;
  /** Closed last (PGlite flushes to its folder). */
  database?: { close(): Promise<void> };
}

export interface ShutdownResult {
  /** Requests still open at the deadline, whose connections were cut. */
  cut: number;
  /** Temp files of this process's cut uploads, removed. */
  tempsRemoved: number;
}

/**
 * Drain (new requests get 503 while the listener stays open), wait for requests in flight
 * up to the deadline, cut the rest, close HTTP, stop background work, remove this process's
 * temp files and close the database. A stalled client cannot hold the process.
 */
export async function shutdownGracefully(parts: ShutdownParts): Promise<ShutdownResult> {
  const { cut } = await parts.app.drain.drain(parts.deadlineMs);
  if (cut > 0) parts.app.log.warn({ cut, ms: parts.deadlineMs }, 'shutdown deadline passed: open requests cut');
  await parts.app.close();
  for (const stop of parts.background ?? []) await stop();
  const tempsRemoved = await fileStoreFor(parts.dataDir).removeOwnTemps();
  await parts.database?.close();
  return { cut, tempsRemoved };
}
