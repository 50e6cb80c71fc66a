import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite, as shipped, never flushes anything to disk: it starts PostgreSQL with `-F`
 * (fsync = off) and its Node file system (Emscripten's NODEFS) has no fsync at all, so an
 * acknowledged commit sits in the OS page cache and a power cut or OS crash can lose it.
 * (`relaxedDurability` only concerns the browser file systems' syncToFs; NodeFS writes
 * through and its syncToFs does nothing.)
 *
 * Made durable here, the way a PostgreSQL server is:
 * - fsync is on (no `-F`) and `wal_sync_method = open_datasync`: the WAL is opened with
 *   O_DSYNC, which NODEFS passes to the real file as O_SYNC, so every WAL write has reached
 *   the disk before the commit is acknowledged;
 * - NODEFS streams get a real fsync, so checkpoints (data files, then pg_control) and the
 *   directory fsyncs PostgreSQL does are real too, before old WAL is recycled.
 * (`fdatasync` stays a stub inside PGlite's libc; open_datasync does not use it.)
 */
export const DURABLE_START_PARAMS = [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=open_datasync'];

interface NodefsStream {
  nfd?: number;
}
interface ModuleWithNodefs {
  NODEFS: { stream_ops: { fsync?: (stream: NodefsStream) => number } };
  FS: { ErrnoError: new (errno: number) => Error };
}
/** Emscripten's EIO: PostgreSQL treats a failed fsync as fatal, as it must. */
const EMSCRIPTEN_EIO = 29;

class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...preRun,
      (mod: unknown) => {
        const { NODEFS, FS } = mod as ModuleWithNodefs;
        NODEFS.stream_ops.fsync = (stream) => {
          if (stream.nfd === undefined) return 0;
          try {
            fs.fsyncSync(stream.nfd);
          } catch (error) {
            // Some file systems cannot fsync a directory; that is not a lost write.
            if ((error as NodeJS.ErrnoException).code === 'EINVAL') return 0;
            throw new FS.ErrnoError(EMSCRIPTEN_EIO);
          }
          return 0;
        };
      },
    ];
    return result;
  }
}

/** Opens (creating if needed) a PGlite database in `dir` whose acknowledged commits survive a power cut. */
export function createDurablePglite(dir: string): Promise<PGlite> {
  return PGlite.create({ dataDir: dir, fs: new DurableNodeFS(dir), startParams: DURABLE_START_PARAMS });
}
