import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ContentProblem } from '../files/store.js';

const CHUNK_BYTES = 1024 * 1024;

/**
 * Copies one content file, hashing the bytes as they pass: what lands at `to` is exactly what
 * was checked. A missing source or one that does not match its name and size is reported
 * (and not copied), never silently carried into the backup or the restored store.
 */
export async function copyVerified(from: string, to: string, sha256: string, size: number | null): Promise<ContentProblem | null> {
  let source: fs.FileHandle;
  try {
    source = await fs.open(from, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    if (size !== null && (await source.stat()).size !== size) return 'size';
    await fs.mkdir(path.dirname(to), { recursive: true });
    const temp = `${to}.part`;
    const target = await fs.open(temp, 'w', 0o600);
    const hash = createHash('sha256');
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      for (let position = 0; ; ) {
        const { bytesRead } = await source.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        await target.write(buffer, 0, bytesRead);
        position += bytesRead;
      }
      await target.sync();
    } finally {
      await target.close();
    }
    if (hash.digest('hex') !== sha256) {
      await fs.rm(temp, { force: true });
      return 'changed';
    }
    await fs.rename(temp, to);
    return null;
  } finally {
    await source.close();
  }
}
