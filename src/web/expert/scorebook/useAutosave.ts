import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScorebookPage } from '../../../contract/technical-scoring';
import type { TechnicalStage } from '../../../domain/profile/schema';
import type { ScorebookEntry, ScorebookItems } from '../../../domain/scoring/scorebook-totals';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../shared/formErrors';
import { saveScorebook, type ScorebookKind } from '../api';
import { withEntry } from './draft';

/** Quiet time after the last change before the draft is saved. */
const DEBOUNCE_MS = 1000;

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'dirty' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date }
  /** Another window saved (or submitted) first: nothing more is saved until the user reloads. */
  | { state: 'conflict'; message: string }
  | { state: 'error'; message: string };

interface Options {
  applicationId: string;
  stage: TechnicalStage;
  kind: ScorebookKind;
  initialItems: ScorebookItems;
  /** The revision of the stored scorebook; 0 when none exists yet. */
  initialRevision: number;
  /** Each successful save answers the whole page (totals, status): the caller caches it. */
  onSaved: (page: ScorebookPage) => void;
  /** The initial items are a proposal not yet stored (the consensus from the panel's mean): save them soon. */
  startDirty?: boolean;
}

/**
 * The editor's draft and its autosave: a change is saved ~1 s after the user stops, with the
 * revision of the last answer so two windows never overwrite each other silently.
 */
export function useAutosave({ applicationId, stage, kind, initialItems, initialRevision, onSaved, startDirty = false }: Options) {
  const [items, setItems] = useState<ScorebookItems>(initialItems);
  const [status, setStatus] = useState<SaveStatus>({ state: startDirty ? 'dirty' : 'idle' });
  const latest = useRef(items);
  const revision = useRef(initialRevision);
  // Every change bumps `version`; `savedVersion` is the version the server holds.
  const version = useRef(startDirty ? 1 : 0);
  const savedVersion = useRef(0);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const saveOnce = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    while (inFlight.current) await inFlight.current;
    if (blocked.current) return false;
    if (version.current === savedVersion.current) return true;
    const sending = version.current;
    setStatus({ state: 'saving' });
    const request = (async () => {
      try {
        const page = await saveScorebook(applicationId, stage, kind, { items: latest.current, revision: revision.current });
        const book = kind === 'mine' ? page.mine : page.consensus;
        if (book) revision.current = book.revision;
        savedVersion.current = sending;
        onSavedRef.current(page);
        setStatus(version.current === sending ? { state: 'saved', at: new Date() } : { state: 'dirty' });
        return true;
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'revision_conflict' || error.code === 'scorebook_locked')) {
          blocked.current = true;
          setStatus({ state: 'conflict', message: error.message });
        } else {
          setStatus({ state: 'error', message: errorMessage(error) });
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = request;
    return request;
  }, [applicationId, stage, kind]);

  /** Saves until the server holds the latest draft (changes made during a save are sent next). */
  const flush = useCallback(async (): Promise<boolean> => {
    for (;;) {
      const ok = await saveOnce();
      if (!ok) return false;
      if (version.current === savedVersion.current) return true;
    }
  }, [saveOnce]);

  const change = useCallback(
    (code: string, patch: Partial<ScorebookEntry>) => {
      if (blocked.current) return;
      latest.current = withEntry(latest.current, code, patch);
      version.current += 1;
      setItems(latest.current);
      setStatus((s) => (s.state === 'saving' ? s : { state: 'dirty' }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveOnce(), DEBOUNCE_MS);
    },
    [saveOnce],
  );

  useEffect(() => {
    if (version.current !== savedVersion.current && !timer.current) timer.current = setTimeout(() => void saveOnce(), DEBOUNCE_MS);
  }, [saveOnce]);

  // Leaving the page with a pending change: send it now rather than lose it.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
        if (!blocked.current && version.current !== savedVersion.current) void saveOnce();
      }
    },
    [saveOnce],
  );

  // Closing the tab with unsaved changes: the browser asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (version.current !== savedVersion.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  return { items, status, change, flush, retry: flush };
}
