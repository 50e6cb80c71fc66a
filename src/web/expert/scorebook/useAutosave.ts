import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScorebookPage } from '../../../contract/technical-scoring';
import type { TechnicalStage } from '../../../domain/profile/schema';
import type { ScorebookEntry, ScorebookItems } from '../../../domain/scoring/scorebook-totals';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../shared/formErrors';
import { saveScorebook, type ScorebookKind } from '../api';
import { Autosaver, type SaveStatus } from './autosaver';
import { withEntry } from './draft';

export type { SaveStatus };

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

const isConflict = (error: unknown) => error instanceof ApiError && (error.code === 'revision_conflict' || error.code === 'scorebook_locked');

/** The editor's draft and its autosave (autosaver.ts), saved ~1 s after the user stops. */
export function useAutosave({ applicationId, stage, kind, initialItems, initialRevision, onSaved, startDirty = false }: Options) {
  const [items, setItems] = useState<ScorebookItems>(initialItems);
  const [status, setStatus] = useState<SaveStatus>({ state: startDirty ? 'dirty' : 'idle' });
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const saver = useRef<Autosaver | null>(null);
  if (!saver.current) {
    saver.current = new Autosaver({
      initialItems,
      initialRevision,
      startDirty,
      isConflict,
      describe: errorMessage,
      onStatus: setStatus,
      save: async (draft, revision) => {
        const page = await saveScorebook(applicationId, stage, kind, { items: draft, revision });
        onSavedRef.current(page);
        return (kind === 'mine' ? page.mine : page.consensus)?.revision ?? revision;
      },
    });
  }
  const current = saver.current;

  // Leaving the page with a pending change: send it now rather than lose it.
  useEffect(() => () => current.dispose(), [current]);

  // Closing the tab with unsaved changes: the browser asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (current.dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [current]);

  const change = useCallback(
    (code: string, patch: Partial<ScorebookEntry>) => {
      if (current.change(withEntry(current.current, code, patch))) setItems(current.current);
    },
    [current],
  );
  const flush = useCallback(() => current.flush(), [current]);

  return { items, status, change, flush, retry: flush };
}
