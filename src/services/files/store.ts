import { createHash, randomBytes } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { exists, fsyncDir, readDirQuietly, removeQuietly, statQuietly } from './fs-util.js';
import { HashingWriter } from './hashing-writer.js';
import { HEAD_BYTES, MIME, sniffFile, sniffHead, type AcceptedMime } from './sniff.js';

/**
 * Content-addressed file storage on local disk:
 *
 *   <dataDir>/files/tmp/<random>.part      bytes being received
 *   <dataDir>/files/<aa>/<bb>/<sha256>     finished content, named by its hash
 *
 *   <dataDir>/files/claims/<sha256>.<pid>-<random>   a placement whose row is not settled yet
 *   <dataDir>/files/trash/<sha256>.<pid>-<random>    content being removed (removal.ts)
 *
 * The bytes reach their final name only after they are complete, type-checked and
 * fsynced, and the directory entry is fsynced too; callers place them *before* their
 * database transaction and insert the row in it, so a committed row never points at missing
 * bytes and the transaction holds the database for its SQL alone. A crash leaves at worst a
 * temp file or an unreferenced content file, which the sweep removes (sweep.ts).
 */
export interface StoredFile {
  sha256: string;
  size: number;
  mimeType: AcceptedMime;
}

/** Bytes received, checked and fsynced in tmp/, not yet under their content name. */
export interface ReceivedFile extends StoredFile {
  tempPath: string;
}

/**
 * Content under its final name whose row is being committed. The claim file tells any
 * remover (removal.ts) that a row may still come; `release` removes it once the transaction
 * is over, committed or not.
 */
export interface PlacedFile extends StoredFile {
  /** Date.now() when the claim was made, before the rename. */
  claimedAt: number;
  release(): Promise<void>;
}

export interface ReceiveLimits {
  /** More bytes than this and the upload is abandoned at once, nothing kept. */
  maxBytes: number;
  /** The multipart parser truncates at its own limit; a truncated stream is too large too. */
  truncated?: () => boolean;
}

/** The stream went past `maxBytes`: abandoned, temp file removed. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file exceeds ${maxBytes} bytes`);
  }
}

/** Nothing was sent (0 bytes): temp file removed. */
export class EmptyFileError extends Error {
  constructor() {
    super('empty file');
  }
}

/** Starts like a PDF but is not a complete one (cut off, or only the header): temp file removed. */
export class DamagedFileError extends Error {
  constructor() {
    super('damaged file');
  }
}

/** The content is none of the accepted types: temp file removed. */
export class UnsupportedFileTypeError extends Error {
  constructor() {
    super('unsupported file type');
  }
}

/** What is wrong with stored content: gone, shorter or longer than recorded, or other bytes. */
export type ContentProblem = 'missing' | 'size' | 'changed';

/** Stored content does not match its name and recorded size; nothing was sent. */
export class StoredContentError extends Error {
  constructor(
    readonly sha256: string,
    readonly problem: ContentProblem,
  ) {
    super(`stored content ${sha256}: ${problem}`);
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const HASH_CHUNK_BYTES = 1024 * 1024;
/**
 * Memory per upload for its bytes on their way to disk, as two pieces (hashing-writer.ts):
 * multipart pieces arrive at socket size (≤ 64 kB), and one write each cost the main thread
 * 12% in the deadline rush. 1 MiB keeps 200 parallel uploads under 200 MiB of buffers.
 */
export const WRITE_BUFFER_BYTES = 1024 * 1024;
/** A slow upload still writes this often, so its temp file stays young for the temp sweep. */
const WRITE_AT_LEAST_EVERY_MS = 5_000;

export class FileStore {
  readonly tmpDir: string;
  readonly claimsDir: string;
  readonly trashDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
    this.claimsDir = path.join(root, 'claims');
    this.trashDir = path.join(root, 'trash');
  }

  /** Path of a content file; refuses anything but a sha256 so no caller can escape the root. */
  contentPath(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Streams into a temp file while hashing, both off the main thread (hashing-writer.ts);
   * stops as soon as the limit is passed, checks the type by content and fsyncs. On any
   * failure the temp file is gone before this throws.
   */
  async receive(source: AsyncIterable<Buffer | string>, limits: ReceiveLimits): Promise<ReceivedFile> {
    await fs.mkdir(this.tmpDir, { recursive: true });
    const tempPath = path.join(this.tmpDir, `${Date.now()}-${process.pid}-${randomBytes(8).toString('hex')}.part`);
    const handle = await fs.open(tempPath, 'wx', 0o600);
    let closed = false;
    const writer = new HashingWriter(handle, Math.max(64 * 1024, Math.min(WRITE_BUFFER_BYTES / 2, limits.maxBytes)));
    let sha256: string | null = null;
    try {
      const head: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      // Leaving this loop by throwing destroys the source, which stops reading the upload.
      for await (const piece of source) {
        const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
        size += chunk.length;
        if (size > limits.maxBytes) throw new FileTooLargeError(limits.maxBytes);
        if (headLength < HEAD_BYTES) {
          head.push(Buffer.from(chunk.subarray(0, HEAD_BYTES - headLength)));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        await writer.push(chunk);
        if (Date.now() - writer.lastFlush >= WRITE_AT_LEAST_EVERY_MS) await writer.flush();
      }
      if (limits.truncated?.()) throw new FileTooLargeError(limits.maxBytes);
      if (size === 0) throw new EmptyFileError();
      sha256 = await writer.finish();
      await handle.sync();
      await handle.close();
      closed = true;
      const mimeType = await sniffFile(tempPath, Buffer.concat(head));
      if (!mimeType) throw sniffHead(Buffer.concat(head)) === MIME.pdf ? new DamagedFileError() : new UnsupportedFileTypeError();
      return { sha256, size, mimeType, tempPath };
    } catch (error) {
      if (sha256 === null) await writer.abandon();
      if (!closed) await handle.close().catch(() => undefined);
      await removeQuietly(tempPath);
      throw error;
    }
  }

  /**
   * Claims the hash, then moves received bytes under their content name and fsyncs the
   * directories so the name survives a power cut. Identical content already stored is
   * replaced by the fresh copy (same bytes, atomically): the file is then young, which the
   * sweep reads as "a row may still come". Call it before the row's transaction and
   * `release()` once that transaction is over.
   */
  async place(received: ReceivedFile): Promise<PlacedFile> {
    const claimedAt = Date.now();
    const release = await this.claim(received.sha256);
    try {
      const target = this.contentPath(received.sha256);
      const dir = path.dirname(target);
      const firstCreated = await fs.mkdir(dir, { recursive: true });
      await fs.rename(received.tempPath, target);
      await fsyncDir(dir);
      // New shard folders are entries in their parents: make those durable as well.
      if (firstCreated) {
        for (let d = path.dirname(dir); d.length >= this.root.length; d = path.dirname(d)) {
          await fsyncDir(d);
          if (d === this.root) break;
        }
      }
    } catch (error) {
      await release();
      throw error;
    }
    const { tempPath: _tempPath, ...stored } = received;
    return { ...stored, claimedAt, release };
  }

  /** A claim file for one placement; the returned function removes it (twice is harmless). */
  private async claim(sha256: string): Promise<() => Promise<void>> {
    await fs.mkdir(this.claimsDir, { recursive: true });
    const file = path.join(this.claimsDir, `${sha256}.${process.pid}-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(file, '', { flag: 'wx', mode: 0o600 });
    return async () => void (await removeQuietly(file));
  }

  /** Whether any placement of this hash is unsettled (its claim file exists). */
  async isClaimed(sha256: string): Promise<boolean> {
    return (await readDirQuietly(this.claimsDir)).some((name) => name.startsWith(`${sha256}.`));
  }

  /** Claims older than `cutoffMs`: left by a process that died between placing and settling. */
  async removeStaleClaims(cutoffMs: number): Promise<number> {
    let removed = 0;
    for (const name of await readDirQuietly(this.claimsDir)) {
      const stat = await statQuietly(path.join(this.claimsDir, name));
      if (stat?.isFile() && stat.mtimeMs <= cutoffMs && (await removeQuietly(path.join(this.claimsDir, name)))) removed++;
    }
    return removed;
  }

  /** Gives up on received bytes (a refusal after receiving). */
  async discard(received: ReceivedFile): Promise<void> {
    await removeQuietly(received.tempPath);
  }

  /**
   * Opens content for reading. The descriptor is open when this resolves, so a missing
   * file fails here (before the caller logs a read), not halfway through a response.
   */
  async createReadStream(sha256: string): Promise<ReadStream> {
    const handle = await fs.open(this.contentPath(sha256), 'r');
    // The stream owns the handle from here and closes it when it ends or is destroyed.
    return handle.createReadStream();
  }

  /**
   * Opens content for sending only after its size and sha256 match: a flipped byte, a
   * truncated or a missing file throws StoredContentError before any header is sent. The
   * whole file is hashed first (files are bounded by MAX_FILE_MB; ~0.1 s per 50 MB), then
   * streamed from the same descriptor, so a rename in between cannot swap what is sent.
   */
  async openVerified(sha256: string, size: number): Promise<ReadStream> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.contentPath(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredContentError(sha256, 'missing');
      throw error;
    }
    try {
      const problem = await checkHandle(handle, sha256, size);
      if (problem) throw new StoredContentError(sha256, problem);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return handle.createReadStream({ start: 0 });
  }

  /** Checks one content file against its name and recorded size; null when it is intact. */
  async checkContent(sha256: string, size: number | null): Promise<ContentProblem | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.contentPath(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
    try {
      return await checkHandle(handle, sha256, size);
    } finally {
      await handle.close();
    }
  }

  async hasContent(sha256: string): Promise<boolean> {
    return exists(this.contentPath(sha256));
  }

  /** Temp files last touched before `cutoffMs` (an upload in progress keeps touching its own). */
  async removeStaleTemps(cutoffMs: number): Promise<number> {
    let removed = 0;
    for (const name of await readDirQuietly(this.tmpDir)) {
      const full = path.join(this.tmpDir, name);
      const stat = await fs.lstat(full).catch(() => null);
      if (stat?.isFile() && stat.mtimeMs <= cutoffMs && (await removeQuietly(full))) removed++;
    }
    return removed;
  }

  /**
   * Temp files of uploads this process started (their names carry its pid): at shutdown,
   * uploads that were cut leave nothing behind, and other processes' uploads are untouched.
   */
  async removeOwnTemps(pid = process.pid): Promise<number> {
    let removed = 0;
    for (const name of await readDirQuietly(this.tmpDir)) {
      if (name.endsWith('.part') && name.split('-')[1] === String(pid) && (await removeQuietly(path.join(this.tmpDir, name)))) removed++;
    }
    return removed;
  }

  /** Every content file with its modification time, walking the two shard levels. */
  async *listContent(): AsyncGenerator<{ sha256: string; mtimeMs: number }> {
    for (const a of await readDirQuietly(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await readDirQuietly(path.join(this.root, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        for (const name of await readDirQuietly(path.join(this.root, a, b))) {
          if (!SHA256_HEX.test(name) || !name.startsWith(a + b)) continue;
          const stat = await fs.lstat(path.join(this.root, a, b, name)).catch(() => null);
          if (stat?.isFile()) yield { sha256: name, mtimeMs: stat.mtimeMs };
        }
      }
    }
  }
}

const stores = new Map<string, FileStore>();

/** The store of a data directory; one instance per directory (it holds no open resources). */
export function fileStoreFor(dataDir: string): FileStore {
  const root = path.join(path.resolve(dataDir), 'files');
  let store = stores.get(root);
  if (!store) {
    store = new FileStore(root);
    stores.set(root, store);
  }
  return store;
}

/** Size first (cheap, catches truncation), then the hash of every byte, with positioned reads. */
async function checkHandle(handle: fs.FileHandle, sha256: string, size: number | null): Promise<ContentProblem | null> {
  const stat = await handle.stat();
  if (size !== null && stat.size !== size) return 'size';
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
  for (let position = 0; ; ) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest('hex') === sha256 ? null : 'changed';
}
