import pg from 'pg';

export interface NotificationHandlers {
  /** A NOTIFY on one of the channels, in commit order. */
  onNotification(channel: string, payload: string): void;
  /** LISTEN is in force: every commit from now on will be notified. */
  onListening(): void;
  /** The connection is gone or unhealthy: notifications may be missed until onListening again. */
  onLost(error: unknown): void;
}

export interface NotificationListener {
  /** The server process id of the current LISTEN connection (tests kill it), or null while down. */
  backendPid(): number | null;
  /** Sends a notification over the listening connection (false while it is down). */
  notify(channel: string, payload: string): boolean;
  close(): Promise<void>;
}

export interface ListenerOptions {
  /** Shown in pg_stat_activity.application_name. */
  applicationName: string;
  /** A query on the listening connection this often proves it alive; silence counts as lost. */
  heartbeatMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  /** A connection attempt that gets no answer this long counts as lost (a silent host would hang it). */
  connectionTimeoutMs?: number;
}

/**
 * One dedicated PostgreSQL connection (not from the pool: a pooled client would be handed
 * to a request) that LISTENs on `channels`, reconnecting with a growing delay when it drops.
 * onLost is called on the first sign of trouble — an error, the end of the socket, a failed
 * or unanswered heartbeat — before anything else happens on it.
 */
export function listenForNotifications(url: string, channels: string[], handlers: NotificationHandlers, options: ListenerOptions): NotificationListener {
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const retryMin = options.retryMinMs ?? 50;
  const retryMax = options.retryMaxMs ?? 5_000;
  let closed = false;
  let client: pg.Client | null = null;
  let pid: number | null = null;
  let retryDelay = retryMin;
  let retryTimer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  const lose = (which: pg.Client, error: unknown) => {
    if (which !== client) return;
    client = null;
    pid = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    handlers.onLost(error);
    which.end().catch(() => undefined);
    if (!closed) {
      retryTimer = setTimeout(connect, retryDelay);
      retryTimer.unref();
      retryDelay = Math.min(retryDelay * 2, retryMax);
    }
  };

  const connect = async () => {
    retryTimer = null;
    if (closed) return;
    const next = new pg.Client({
      connectionString: url,
      application_name: options.applicationName,
      keepAlive: true,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    });
    client = next;
    next.on('error', (error) => lose(next, error));
    next.on('end', () => lose(next, new Error('listener connection ended')));
    next.on('notification', (message) => {
      if (next === client && channels.includes(message.channel)) handlers.onNotification(message.channel, message.payload ?? '');
    });
    try {
      await next.connect();
      const [{ pid: backend }] = (await next.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      for (const channel of channels) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (next !== client || closed) return;
      pid = backend;
      retryDelay = retryMin;
      heartbeat = setInterval(() => {
        const timeout = setTimeout(() => lose(next, new Error('listener heartbeat unanswered')), heartbeatMs);
        next.query('SELECT 1').then(
          () => clearTimeout(timeout),
          (error) => {
            clearTimeout(timeout);
            lose(next, error);
          },
        );
      }, heartbeatMs);
      heartbeat.unref();
      handlers.onListening();
    } catch (error) {
      lose(next, error);
    }
  };

  void connect();
  return {
    backendPid: () => pid,
    notify(channel, payload) {
      const live = pid === null ? null : client;
      if (!live) return false;
      live.query('SELECT pg_notify($1, $2)', [channel, payload]).catch((error) => lose(live, error));
      return true;
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (heartbeat) clearInterval(heartbeat);
      const last = client;
      client = null;
      pid = null;
      await last?.end().catch(() => undefined);
    },
  };
}
