import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { budget } from '../support/budget.js';
import { loginOver, startServerChild } from './support/server-child.js';

/**
 * Issue 9 item 1: PostgreSQL ending connections (pg_terminate_backend, a restart, a failover)
 * costs the clients a few failed requests, never the process.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const ADMIN_PASSWORD = 'Fault-Sys-Pass-2026';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database of the throwaway cluster, dropped after the file. */
async function throwawayDatabase(): Promise<{ name: string; url: string }> {
  const name = `fault_${randomBytes(5).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  cleanups.push(() => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined));
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

const terminateBackends = (name: string) =>
  withAdmin((c) => c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]));

describe.runIf(adminUrl)('PostgreSQL ending connections', () => {
  it('fails the requests in flight, not the process, and serves the next request', async () => {
    const { name, url } = await throwawayDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqa-fault-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const server = await startServerChild({ DATABASE_URL: url, DATA_DIR: dataDir, ADMIN_PASSWORD });
    cleanups.push(() => server.stop());
    await server.waitForHealth();
    const { cookie, csrf } = await loginOver(server.base, 'admin', ADMIN_PASSWORD);
    const createOrganisation = (n: number) =>
      fetch(`${server.base}/api/organisations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ name: `故障测试单位${n}`, kind: 'other' }),
      });

    // Writes in a loop from several clients: every transaction holds a checked-out pool client.
    let running = true;
    let n = 0;
    const statuses: number[] = [];
    const writer = async () => {
      while (running && server.alive()) {
        try {
          statuses.push((await createOrganisation(n++)).status);
        } catch {
          statuses.push(0); // the process went away mid-request
        }
      }
    };
    const writers = Array.from({ length: 6 }, writer);
    await new Promise((r) => setTimeout(r, 500));
    for (let round = 0; round < 8 && server.alive(); round++) {
      await terminateBackends(name);
      await new Promise((r) => setTimeout(r, 150));
    }
    running = false;
    await Promise.all(writers);

    expect(server.alive(), `the server exited; its output:\n${server.output().slice(-3000)}`).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
    // A failed request is a 503 the client may retry, never a 500 nor a dropped connection.
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    const after = await createOrganisation(1_000_000);
    expect(after.status).toBe(201);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  }, budget(120_000));
});
