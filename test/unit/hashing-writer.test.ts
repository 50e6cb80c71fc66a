import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HashingWriter } from '../../src/services/files/hashing-writer.js';
import { seededRandom } from '../../src/domain/seeded-random.js';

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hashing-writer-'));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Chunks of random sizes (some empty, some larger than a piece), as sockets deliver them. */
function chunksOf(random: () => number, total: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let left = total; left > 0; ) {
    const n = Math.min(left, Math.floor(random() * 150_000));
    chunks.push(randomBytes(n));
    left -= n;
  }
  return chunks;
}

describe('HashingWriter (hashed on the hash thread, written by libuv, two pieces in flight)', () => {
  it('stores exactly the bytes pushed and gives their sha256, for many uploads at once', async () => {
    const random = seededRandom(20261202);
    const uploads = Array.from({ length: 24 }, (_, i) => ({ file: path.join(dir, `u${i}`), chunks: chunksOf(random, Math.floor(random() * 600_000)) }));
    const digests = await Promise.all(
      uploads.map(async ({ file, chunks }) => {
        const handle = await fs.open(file, 'wx');
        const writer = new HashingWriter(handle, 64 * 1024);
        for (const chunk of chunks) {
          await writer.push(chunk);
          chunk.fill(0); // the writer copied it: the caller may reuse its chunk at once
        }
        const digest = await writer.finish();
        await handle.close();
        return digest;
      }),
    );
    for (const [i, { file }] of uploads.entries()) {
      const stored = await fs.readFile(file);
      expect(digests[i]).toBe(createHash('sha256').update(stored).digest('hex'));
      expect(stored.length).toBe(uploads[i].chunks.reduce((n, c) => n + c.length, 0));
    }
    // The bytes themselves, not only a consistent hash of whatever was written.
    const random2 = seededRandom(7);
    const expected = chunksOf(random2, 300_000);
    const file = path.join(dir, 'exact');
    const handle = await fs.open(file, 'wx');
    const writer = new HashingWriter(handle, 64 * 1024);
    for (const chunk of expected) await writer.push(Buffer.from(chunk));
    const digest = await writer.finish();
    await handle.close();
    expect((await fs.readFile(file)).equals(Buffer.concat(expected))).toBe(true);
    expect(digest).toBe(createHash('sha256').update(Buffer.concat(expected)).digest('hex'));
  });

  it('reports a failed write to the upload, not as an unhandled rejection, and the next upload works', async () => {
    const handle = await fs.open(path.join(dir, 'broken'), 'wx');
    const writer = new HashingWriter(handle, 64 * 1024);
    await writer.push(randomBytes(100_000));
    await handle.close(); // the piece in flight, or the next, fails to write
    const failed = (async () => {
      await writer.push(randomBytes(300_000));
      await writer.finish();
    })();
    await expect(failed).rejects.toThrow();
    await writer.abandon();

    const again = await fs.open(path.join(dir, 'after'), 'wx');
    const next = new HashingWriter(again, 64 * 1024);
    await next.push(Buffer.from('after a failure'));
    expect(await next.finish()).toBe(createHash('sha256').update('after a failure').digest('hex'));
    await again.close();
  });
});
