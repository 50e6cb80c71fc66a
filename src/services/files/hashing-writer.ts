import type fs from 'node:fs/promises';
import { SharedMemoryHash } from './hasher.js';

/** A piece being filled, or written and hashed. */
interface Piece {
  buffer: Buffer;
  offset: number;
  filled: number;
  /** The write and the hash of its last contents, while they run. */
  busy: Promise<unknown> | null;
}

/**
 * Writes a stream's bytes to a file and hashes them, in pieces: two pieces of one shared
 * memory region, one filled while the other is written (by libuv) and hashed (by the hash
 * thread, hasher.ts) at once. Pieces are written at explicit positions, so the two in flight
 * never disturb each other; they are hashed in order, as updates are posted in order.
 */
export class HashingWriter {
  private readonly pieces: [Piece, Piece];
  private readonly hash: SharedMemoryHash;
  private current = 0;
  private position = 0;
  lastFlush = Date.now();

  constructor(
    private readonly handle: fs.FileHandle,
    pieceBytes: number,
  ) {
    const memory = new SharedArrayBuffer(2 * pieceBytes);
    this.hash = new SharedMemoryHash(memory);
    this.pieces = [0, 1].map((i) => ({ buffer: Buffer.from(memory, i * pieceBytes, pieceBytes), offset: i * pieceBytes, filled: 0, busy: null })) as [Piece, Piece];
  }

  /** Takes a chunk (copied; the caller may reuse it), flushing each piece that fills. */
  async push(chunk: Buffer): Promise<void> {
    for (let at = 0; at < chunk.length; ) {
      const piece = this.pieces[this.current];
      const copied = chunk.copy(piece.buffer, piece.filled, at);
      piece.filled += copied;
      at += copied;
      if (piece.filled === piece.buffer.length) await this.flush();
    }
  }

  /** Starts writing and hashing the current piece, then waits until the other one is free to fill. */
  async flush(): Promise<void> {
    const piece = this.pieces[this.current];
    if (piece.filled > 0) {
      const { filled } = piece;
      const busy = Promise.all([this.writeAt(piece.buffer.subarray(0, filled), this.position), this.hash.update(piece.offset, filled)]);
      // Handled here so a failure is not reported as unhandled before it is awaited (settle, abandon).
      busy.catch(() => undefined);
      piece.busy = busy;
      this.position += filled;
      piece.filled = 0;
      this.lastFlush = Date.now();
    }
    this.current = 1 - this.current;
    await this.settle(this.pieces[this.current]);
  }

  /** Everything written and hashed: the sha256 (hex). */
  async finish(): Promise<string> {
    await this.flush();
    await this.flush();
    return this.hash.digest();
  }

  /** Waits for what is in flight (its failures ignored) and forgets the hash. */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.pieces.map((p) => p.busy));
    await this.hash.drop();
  }

  private async settle(piece: Piece): Promise<void> {
    const busy = piece.busy;
    piece.busy = null;
    await busy;
  }

  private async writeAt(bytes: Buffer, position: number): Promise<void> {
    for (let done = 0; done < bytes.length; ) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, position + done);
      done += bytesWritten;
    }
  }
}
