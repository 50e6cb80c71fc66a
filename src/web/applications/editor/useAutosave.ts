import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, apiPatch, type FieldError } from '../../api/client';
import type { Application } from '../../api/types';
import { errorMessage } from '../../shared/formErrors';
import { isRevisionConflict } from '../api';
import { isEmptyPatch, mergePatch, withoutFields } from './formModel';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'invalid'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string };

const DEBOUNCE_MS = 1500;
const RETRY_MS = 5000;

/**
 * Debounced autosave of an application draft: changes are merged into one pending patch and
 * sent as PATCH {revision, form} ~1.5 s after the last keystroke, one request at a time.
 * A 409 revision_conflict stops saving (the user must reload); 422 field errors go to
 * `onFieldErrors` and the rest of the patch is still saved; other failures retry.
 */
export function useAutosave(opts: {
  applicationId: string;
  initialRevision: number;
  onSaved: (app: Application) => void;
  onFieldErrors: (fields: FieldError[]) => void;
}) {
  const { applicationId } = opts;
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const pending = useRef<Record<string, unknown>>({});
  const revision = useRef(opts.initialRevision);
  const timer = useRef<number | undefined>(undefined);
  const inflight = useRef<Promise<boolean> | null>(null);
  const stopped = useRef(false);
  const callbacks = useRef(opts);
  callbacks.current = opts;

  const send = useCallback(async (): Promise<boolean> => {
    const patch = pending.current;
    pending.current = {};
    setStatus({ kind: 'saving' });
    try {
      const updated = await apiPatch<Application>(`/api/applications/${encodeURIComponent(applicationId)}`, {
        revision: revision.current,
        form: patch,
      });
      revision.current = updated.revision;
      callbacks.current.onSaved(updated);
      setStatus(isEmptyPatch(pending.current) ? { kind: 'saved', at: new Date() } : { kind: 'pending' });
      return true;
    } catch (err) {
      if (isRevisionConflict(err)) {
        stopped.current = true;
        setStatus({ kind: 'conflict', message: errorMessage(err) });
        return false;
      }
      if (err instanceof ApiError && err.status === 422 && err.fields.length > 0) {
        callbacks.current.onFieldErrors(err.fields);
        pending.current = mergePatch(withoutFields(patch, err.fields), pending.current);
        setStatus({ kind: 'invalid', message: '部分内容未通过校验，请按红色提示修改（其余内容会继续保存）' });
        if (!isEmptyPatch(pending.current)) {
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => void flushRef.current(), DEBOUNCE_MS);
        }
        return false;
      }
      // Network or server trouble: keep the changes and try again shortly.
      pending.current = mergePatch(patch, pending.current);
      setStatus({ kind: 'error', message: errorMessage(err) });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flushRef.current(), RETRY_MS);
      return false;
    }
  }, [applicationId]);

  /** Sends whatever is pending now; resolves true when everything is saved. */
  const flush = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    while (inflight.current) await inflight.current;
    if (stopped.current) return false;
    if (isEmptyPatch(pending.current)) return true;
    const run = send();
    inflight.current = run;
    let ok: boolean;
    try {
      ok = await run;
    } finally {
      inflight.current = null;
    }
    // Changes typed while the request was in flight go out next.
    if (ok && !isEmptyPatch(pending.current)) return flushRef.current();
    return ok;
  }, [send]);
  const flushRef = useRef(flush);
  flushRef.current = flush;

  const queue = useCallback((patch: Record<string, unknown>) => {
    if (stopped.current || isEmptyPatch(patch)) return;
    pending.current = mergePatch(pending.current, patch);
    setStatus((s) => (s.kind === 'saving' ? s : { kind: 'pending' }));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flushRef.current(), DEBOUNCE_MS);
  }, []);

  // Warn before leaving with unsaved changes; save what is pending when the editor unmounts.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!isEmptyPatch(pending.current) || inflight.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      if (!isEmptyPatch(pending.current)) void flushRef.current();
    };
  }, []);

  return { status, queue, flush };
}
