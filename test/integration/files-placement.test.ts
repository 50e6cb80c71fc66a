import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { files } from '../../src/db/schema/index.js';
import { fileStoreFor, type FileStore, type PlacedFile } from '../../src/services/files/store.js';
import { CONTENT_GRACE_MS, lockPlacedContent, removeContentIfUnreferenced, settlePlacement, sweepFileStore } from '../../src/services/files/sweep.js';
import { startTestApp, type Session, type TestApp } from './support/app.js';
import { databaseKinds } from './support/databases.js';
import { organisationId } from './support/fixtures.js';
import { createApplication, createEdition, depsOf, ensureFileRoutes, filesOnDisk, pdfBytes, upload } from './support/files-fixtures.js';

/**
 * Issue 10: content is placed under its hash before the row's transaction, and the row
 * commits after. A crash in between leaves only an unreferenced file, which the sweep spares
 * while it is young (its transaction may still be running) and removes once it is not. Two
 * uploads of the same bytes share one file: whatever happens to one never takes the other's.
 */

/** When set, the upload "dies" right after its transaction failed: nothing settles the placement. */
const crash = vi.hoisted(() => ({ beforeSettle: false }));
vi.mock('../../src/services/files/sweep.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/services/files/sweep.js')>();
  return {
    ...actual,
    settlePlacement: (...args: Parameters<typeof actual.settlePlacement>) => (crash.beforeSettle ? Promise.resolve() : actual.settlePlacement(...args)),
  };
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** A distinct small PDF per seed. */
const pdf = (seed: number) => {
  const bytes = pdfBytes(200);
  bytes.writeUInt32BE(seed, 20);
  return bytes;
};
const once = (bytes: Buffer) =>
  (async function* () {
    yield bytes;
  })();

describe.each(databaseKinds)('placing content before its row on %s', (kind) => {
  let t: TestApp;
  let dataDir: string;
  let store: FileStore;
  let owner: Session;
  let applicationId: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-placement-'));
    t = await startTestApp(kind, { DATA_DIR: dataDir });
    await ensureFileRoutes(t.app, depsOf(t));
    store = fileStoreFor(dataDir);
    const lanshan = await organisationId(t, 'county', '兰山区');
    await t.createUser('placer', ['applicant_unit']);
    owner = await t.login('placer');
    applicationId = await createApplication(t.database.db, { editionId: await createEdition(t.database.db), applicantUserId: owner.userId, countyId: lanshan });
    // The database refuses rows named fail-…: an insert that fails after the bytes are placed.
    await t.database.db.execute(
      sql.raw(`CREATE FUNCTION test_fail_file_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.original_name LIKE 'fail-%' THEN RAISE EXCEPTION 'simulated insert failure'; END IF; RETURN NEW; END $$`),
    );
    await t.database.db.execute(sql.raw('CREATE TRIGGER test_fail_file_insert BEFORE INSERT ON files FOR EACH ROW EXECUTE FUNCTION test_fail_file_insert()'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const onDisk = (sha: string) => fs.existsSync(store.contentPath(sha));
  const rowsOf = (sha: string) => t.database.db.select().from(files).where(eq(files.sha256, sha));
  /** No claim, trash or temp left: every placement settled. */
  const settled = () => {
    for (const dir of [store.claimsDir, store.trashDir, store.tmpDir]) expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
  };
  const receiveAndPlace = async (bytes: Buffer) => store.place(await store.receive(once(bytes), { maxBytes: 1 << 20 }));
  async function commitRow(placed: PlacedFile, name: string) {
    await t.database.db.transaction(async (tx) => {
      await lockPlacedContent(tx, store, placed);
      await tx.insert(files).values({ sha256: placed.sha256, size: placed.size, mimeType: placed.mimeType, originalName: name, purpose: 'case_evidence', uploadedBy: owner.userId });
    });
    await settlePlacement(t.database.db, store, placed, true);
  }

  it('a crash between placing and committing leaves no row, and a file the sweep spares while young and removes after the grace period', async () => {
    const content = pdf(1);
    crash.beforeSettle = true;
    try {
      const response = await upload(t, owner, applicationId, { name: 'fail-crash.pdf', content });
      expect(response.statusCode).toBe(500);
    } finally {
      crash.beforeSettle = false;
    }
    // The bytes were under their name before the insert ran; the row never committed.
    expect(await rowsOf(sha256(content))).toEqual([]);
    expect(onDisk(sha256(content))).toBe(true);

    expect(await sweepFileStore(dataDir, t.database.db)).toEqual({ tempFilesRemoved: 0, orphansRemoved: 0 });
    expect(await sweepFileStore(dataDir, t.database.db, { now: () => Date.now() + CONTENT_GRACE_MS - 60_000 })).toEqual({ tempFilesRemoved: 0, orphansRemoved: 0 });
    expect(onDisk(sha256(content))).toBe(true);

    expect(await sweepFileStore(dataDir, t.database.db, { now: () => Date.now() + CONTENT_GRACE_MS + 60_000 })).toEqual({ tempFilesRemoved: 0, orphansRemoved: 1 });
    expect(onDisk(sha256(content))).toBe(false);
    settled();
  });

  it('an upload whose row fails removes its own bytes at once, never bytes another row refers to', async () => {
    const shared = pdf(2);
    const kept = await upload(t, owner, applicationId, { name: 'kept.pdf', content: shared });
    expect(kept.statusCode).toBe(201);
    expect((await upload(t, owner, applicationId, { name: 'fail-same-bytes.pdf', content: shared })).statusCode).toBe(500);
    expect(onDisk(sha256(shared))).toBe(true);
    const download = await t.app.inject({ method: 'GET', url: `/api/files/${kept.json().id}`, headers: { cookie: owner.cookie } });
    expect(download.statusCode).toBe(200);
    expect(sha256(download.rawPayload)).toBe(sha256(shared));

    const alone = pdf(3);
    expect((await upload(t, owner, applicationId, { name: 'fail-alone.pdf', content: alone })).statusCode).toBe(500);
    expect(onDisk(sha256(alone))).toBe(false);
    settled();
  });

  it('two placements of the same bytes: one rolled back while the other is still committing keeps the file', async () => {
    const content = pdf(4);
    const first = await receiveAndPlace(content);
    const second = await receiveAndPlace(content);
    // The first gives up while the second has placed but not committed: its claim keeps the file.
    await settlePlacement(t.database.db, store, first, false);
    expect(onDisk(sha256(content))).toBe(true);
    await commitRow(second, 'second.pdf');
    expect(onDisk(sha256(content))).toBe(true);
    expect(fs.readFileSync(store.contentPath(sha256(content))).equals(content)).toBe(true);
    settled();
  });

  it('a remover (even judging the file old) spares content a placement still claims, and content a just-committed row refers to', async () => {
    const content = pdf(5);
    const placed = await receiveAndPlace(content);
    const farFuture = Date.now() + 10 * CONTENT_GRACE_MS;
    // Moved to trash, then found claimed: linked back under its name.
    expect(await removeContentIfUnreferenced(t.database.db, store, placed.sha256, farFuture)).toBe(false);
    expect(onDisk(placed.sha256)).toBe(true);
    await commitRow(placed, 'committed.pdf');
    expect(await removeContentIfUnreferenced(t.database.db, store, placed.sha256, farFuture)).toBe(false);
    expect(await sweepFileStore(dataDir, t.database.db, { now: () => farFuture })).toMatchObject({ orphansRemoved: 0 });
    expect(fs.readFileSync(store.contentPath(placed.sha256)).equals(content)).toBe(true);
    settled();
  });

  it('the sweep puts back content a remover that died had moved to trash', async () => {
    const content = pdf(6);
    const placed = await receiveAndPlace(content);
    await commitRow(placed, 'trashed.pdf');
    fs.mkdirSync(store.trashDir, { recursive: true });
    fs.renameSync(store.contentPath(placed.sha256), path.join(store.trashDir, `${placed.sha256}.99999-dead`));
    await sweepFileStore(dataDir, t.database.db);
    expect(fs.readFileSync(store.contentPath(placed.sha256)).equals(content)).toBe(true);
    expect(filesOnDisk(dataDir).temps).toEqual([]);
    settled();
  });
});
