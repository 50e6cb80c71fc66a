import { Worker } from 'node:worker_threads';

type Reply = { seq: number; digest?: string; error?: string };
type Waiter = { resolve: (reply: Reply) => void; reject: (error: Error) => void };

/**
 * sha256 of uploads, computed on a thread of its own. Hashing 2 GB took a quarter of the
 * main thread in the deadline rush (without it the rush ran 30 % faster), and the main thread
 * also parses every upload and, on PGlite, runs the database. One thread serves every upload:
 * it hashes far faster than a disk takes the bytes. The bytes are read in place from shared
 * memory (the upload's buffers), never copied; the caller must not refill a piece until its
 * update has resolved. If the thread dies, what was pending fails and the next upload starts a
 * new one.
 */
class HashThread {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly waiting = new Map<number, Waiter>();

  send(message: Record<string, unknown>): Promise<Reply> {
    const worker = this.running();
    const seq = ++this.seq;
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      worker.postMessage({ ...message, seq });
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./hash-worker.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.seq);
      this.waiting.delete(reply.seq);
      if (reply.error) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the hash thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}

const thread = new HashThread();
let streams = 0;

/** One upload's running hash over a shared memory region it writes its pieces into. */
export class SharedMemoryHash {
  private readonly id = ++streams;
  private readonly opened: Promise<Reply>;
  private done = false;

  constructor(readonly memory: SharedArrayBuffer) {
    this.opened = thread.send({ op: 'open', id: this.id, memory });
  }

  /** Hashes memory[offset, offset + length) next; resolves once it has been read. */
  async update(offset: number, length: number): Promise<void> {
    await this.opened;
    await thread.send({ op: 'update', id: this.id, offset, length });
  }

  async digest(): Promise<string> {
    await this.opened;
    this.done = true;
    return (await thread.send({ op: 'digest', id: this.id })).digest!;
  }

  /** Forgets an abandoned hash (the thread keeps nothing of it). */
  async drop(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.opened.catch(() => undefined);
    await thread.send({ op: 'drop', id: this.id }).catch(() => undefined);
  }
}
