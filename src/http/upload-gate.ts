import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** One per app: every multipart scope's uploads queue at the same gate. */
    uploadGate: UploadGate;
  }
}

/**
 * How many upload bodies are read at once. Reading, parsing, hashing and storing uploads is
 * the server's heaviest work, all of it on the one event loop. In the deadline rush (200 ×
 * 10 MB at once from fast clients) every loop turn had all 200 to serve, and a two-line
 * request — a submit — waited 1–3 s before it was even read. Uploads that are not admitted
 * wait unread, first come first served: TCP holds their clients back, and the machine's CPU
 * and disk, not the number of open uploads, bound how fast the uploads go as a whole.
 *
 * `always` uploads are admitted at any time. Beyond that the number read grows by one per
 * `tickMs` while the loop keeps up (the last tick came less than `maxLagMs` late), and an
 * upload that ends hands its place to the next only while the loop keeps up: clients on
 * slow lines, whose uploads cost little CPU each, are all read at once, while a burst that
 * saturates the loop stops growing and shrinks back towards `always`. (Refilling only below
 * `always` capped a burst at one upload per tick: 200 MB/s of 10 MB files on a machine whose
 * disk takes 350–550 MB/s.)
 */
export interface GateOptions {
  always: number;
  tickMs: number;
  maxLagMs: number;
}

/** The loop's clock ticks this often while uploads wait. */
export const GATE_TICK_MS = 50;

export class UploadGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private lastTick = 0;
  private lagMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: GateOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get reading(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves when this upload may be read, with the function that gives its place back
   * (call it once the answer is sent or the connection is gone; a second call is ignored).
   * `onWait` runs only when the upload has to wait. A `signal` that aborts while waiting
   * leaves the queue and rejects.
   */
  enter(signal?: AbortSignal, onWait?: () => void): Promise<() => void> {
    if (this.active < this.options.always && this.waiting.length === 0) return Promise.resolve(this.admit());
    onWait?.();
    this.startTicking();
    return new Promise((resolve, reject) => {
      const turn = () => {
        signal?.removeEventListener('abort', leave);
        resolve(this.admit());
      };
      const leave = () => {
        const at = this.waiting.indexOf(turn);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(turn);
    });
  }

  /** One tick of the loop's clock: how late it came decides whether one more is admitted. */
  tick(): void {
    const now = this.clock();
    this.lagMs = this.lastTick === 0 ? 0 : Math.max(0, now - this.lastTick - this.options.tickMs);
    this.lastTick = now;
    if (this.keepingUp()) this.waiting.shift()?.();
    if (this.waiting.length === 0) this.stopTicking();
  }

  private keepingUp(): boolean {
    return this.lagMs < this.options.maxLagMs;
  }

  close(): void {
    this.stopTicking();
  }

  private admit(): () => void {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      if (this.active < this.options.always || this.keepingUp()) this.waiting.shift()?.();
    };
  }

  private startTicking(): void {
    if (this.timer) return;
    this.lastTick = 0;
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
    this.timer.unref();
  }

  private stopTicking(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** Gives the app its gate (before any route is registered). */
export function installUploadGate(app: FastifyInstance, options: { uploadsAtOnce: number; uploadMaxLagMs: number }): void {
  const gate = new UploadGate({ always: options.uploadsAtOnce, tickMs: GATE_TICK_MS, maxLagMs: options.uploadMaxLagMs });
  app.decorate('uploadGate', gate);
  app.addHook('onClose', () => gate.close());
}

/**
 * Puts a multipart scope's uploads behind the app's gate (the scope must have registered
 * @fastify/multipart; preHandler: after the session and
 * CSRF checks, before the body is read). While an upload waits its socket's idle timeout is
 * off — the wait is the server's, not a stalled client (http/body-idle.ts) — and back on
 * when it is admitted.
 */
export function gateUploads(scope: FastifyInstance, bodyIdleMs: number): void {
  const gate = scope.uploadGate;
  scope.addHook('preHandler', async (request, reply) => {
    // Only multipart bodies queue; the scope's reads and deletes go straight through.
    if (!request.isMultipart()) return;
    const socket = request.raw.socket;
    const gone = new AbortController();
    const onClose = () => gone.abort(new Error('the client left while its upload waited'));
    socket?.once('close', onClose);
    let waited = false;
    let release: () => void;
    try {
      release = await gate.enter(gone.signal, () => {
        waited = true;
        if (!request.raw.complete) socket?.setTimeout?.(0);
      });
    } catch {
      // Nobody is left to answer: end the request here, without an error to log.
      reply.hijack();
      return;
    } finally {
      socket?.removeListener('close', onClose);
    }
    reply.raw.once('close', release);
    if (waited && !request.raw.complete) socket?.setTimeout?.(bodyIdleMs);
  });
}
