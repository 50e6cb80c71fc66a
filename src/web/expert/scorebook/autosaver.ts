import type { ScorebookItems } from '../../../domain/scoring/scorebook-totals';

/**
 * The autosave of a scorebook, apart from React so it can be tested with fake timers: a change
 * is sent after a quiet time with the revision of the last answer; changes made while a save is
 * in flight go in the next one; after a conflict (another window saved first) nothing more is
 * sent, so the two windows never overwrite each other silently.
 */

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'dirty' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date }
  /** Another window saved (or submitted) first: nothing more is saved until the user reloads. */
  | { state: 'conflict'; message: string }
  | { state: 'error'; message: string };

export interface AutosaverOptions {
  /** Sends the items with the revision they were edited from; resolves to the stored revision. */
  save: (items: ScorebookItems, revision: number) => Promise<number>;
  onStatus: (status: SaveStatus) => void;
  /** Whether a failure means another window saved first (stop) rather than a passing error (retry). */
  isConflict: (error: unknown) => boolean;
  describe: (error: unknown) => string;
  initialItems: ScorebookItems;
  initialRevision: number;
  /** The initial items are a proposal not stored yet (the consensus from the panel's mean). */
  startDirty?: boolean;
  debounceMs?: number;
  now?: () => Date;
}

export class Autosaver {
  private items: ScorebookItems;
  private revision: number;
  // Every change bumps `version`; `savedVersion` is the version the server holds.
  private version: number;
  private savedVersion = 0;
  private inFlight: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private blocked = false;
  private readonly debounceMs: number;

  constructor(private readonly options: AutosaverOptions) {
    this.items = options.initialItems;
    this.revision = options.initialRevision;
    this.version = options.startDirty ? 1 : 0;
    this.debounceMs = options.debounceMs ?? 1000;
    if (options.startDirty) this.schedule();
  }

  get current(): ScorebookItems {
    return this.items;
  }

  get dirty(): boolean {
    return this.version !== this.savedVersion;
  }

  /** Takes the new draft; returns false (and keeps the old one) once a conflict stopped saving. */
  change(items: ScorebookItems): boolean {
    if (this.blocked) return false;
    this.items = items;
    this.version += 1;
    if (!this.inFlight) this.options.onStatus({ state: 'dirty' });
    this.schedule();
    return true;
  }

  /** Saves until the server holds the latest draft; false when a save failed. */
  async flush(): Promise<boolean> {
    for (;;) {
      const ok = await this.saveOnce();
      if (!ok) return false;
      if (!this.dirty) return true;
    }
  }

  /** Stops the timer; a pending change is sent at once rather than lost. */
  dispose(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.blocked && this.dirty) void this.saveOnce();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveOnce(), this.debounceMs);
  }

  private async saveOnce(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inFlight) await this.inFlight;
    if (this.blocked) return false;
    if (!this.dirty) return true;
    const sending = this.version;
    this.options.onStatus({ state: 'saving' });
    const request = (async () => {
      try {
        this.revision = await this.options.save(this.items, this.revision);
        this.savedVersion = sending;
        this.options.onStatus(this.dirty ? { state: 'dirty' } : { state: 'saved', at: (this.options.now ?? (() => new Date()))() });
        return true;
      } catch (error) {
        if (this.options.isConflict(error)) {
          this.blocked = true;
          if (this.timer) clearTimeout(this.timer);
          this.timer = null;
          this.options.onStatus({ state: 'conflict', message: this.options.describe(error) });
        } else {
          this.options.onStatus({ state: 'error', message: this.options.describe(error) });
        }
        return false;
      } finally {
        this.inFlight = null;
      }
    })();
    this.inFlight = request;
    return request;
  }
}
