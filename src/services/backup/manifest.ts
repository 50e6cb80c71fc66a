import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { WitnessPaths } from '../audit/witness.js';

/**
 * A backup folder:
 *
 *   manifest.json            this description (written last: a folder without it is unfinished)
 *   tables/<name>.ndjson     one JSON object per row, as PostgreSQL's row_to_json wrote it
 *   files/<aa>/<bb>/<sha256> the stored bytes every dumped `files` row refers to
 *   witness/                 the audit witness's key and log (witness-files.ts)
 */
/** Where a system keeps what the database does not: the file store and the audit witness. */
export interface BackupSite {
  dataDir: string;
  witness: WitnessPaths;
}

export const BACKUP_FORMAT = 'mqa-backup';
export const BACKUP_VERSION = 1;

const tableEntry = z.object({
  name: z.string().min(1),
  file: z.string().regex(/^tables\/[a-z0-9_]+\.ndjson$/),
  rows: z.number().int().min(0),
  /** sha256 of the dump file's bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const fileEntry = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
});

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  databaseKind: z.enum(['pglite', 'postgres']),
  migration: z.object({ count: z.number().int().min(0), lastWhen: z.number().nullable() }),
  /** Tables in foreign-key order (the restore inserts them in this order). */
  tables: z.array(tableEntry),
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  /** Distinct stored contents the `files` rows refer to. */
  files: z.array(fileEntry),
  /** Contents that were missing or damaged in the live store when the backup was taken. */
  fileProblems: z.array(z.object({ sha256: z.string(), problem: z.enum(['missing', 'size', 'changed']) })),
  /** The audit witness's key and log lines up to the snapshot's head (witness-files.ts). */
  witness: z.object({ key: z.boolean(), logLines: z.number().int().min(0) }),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export const MANIFEST_FILE = 'manifest.json';

export class BackupFormatError extends Error {}

export async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupFormatError(`${dir} 中没有 ${MANIFEST_FILE}：不是完整的备份（备份可能未完成）`);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupFormatError(`${MANIFEST_FILE} 不是有效的 JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new BackupFormatError(`${MANIFEST_FILE} 格式不符：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  return parsed.data;
}

/** Content files live under the same two shard levels as in the store. */
export const backupContentPath = (dir: string, sha256: string): string => path.join(dir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
