/**
 * Shares one read among the callers that wait for it, without ever giving a caller a value
 * read before it asked. A read already in flight when a caller arrives may have been sent
 * before a change the caller has seen committed (its own write, answered a moment ago), so
 * the caller joins the *next* read instead, sent as soon as the current one returns; everyone
 * who arrives meanwhile joins that same next read. Under load this turns one query per caller
 * into one per round trip, and a caller waits at most two round trips.
 */
export function freshReadShared<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  let next: Promise<T> | null = null;

  const send = (): Promise<T> => {
    const sent = read();
    inFlight = sent;
    const clear = () => {
      if (inFlight === sent) inFlight = null;
    };
    sent.then(clear, clear);
    return sent;
  };

  return () => {
    if (!inFlight) return send();
    if (!next) {
      const after = (): Promise<T> => {
        next = null;
        return send();
      };
      next = inFlight.then(after, after);
    }
    return next;
  };
}
