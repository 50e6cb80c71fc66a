import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrationsFolder } from '../../db/connection.js';
import type { MigrationLevel } from './catalog.js';

/**
 * The program's migrations and a folder that stops at an older level: a backup taken by an
 * older version is restored at its own level (its rows fit that schema exactly) and then
 * brought up to date by the remaining migrations, as an upgrade would have done.
 */
interface Journal {
  entries: Array<{ idx: number; when: number; tag: string }>;
}

export class MigrationLevelError extends Error {}

async function readJournal(folder = migrationsFolder): Promise<Journal & Record<string, unknown>> {
  return JSON.parse(await fs.readFile(path.join(folder, 'meta', '_journal.json'), 'utf8'));
}

export async function programLevel(): Promise<MigrationLevel> {
  const journal = await readJournal();
  return { count: journal.entries.length, lastWhen: journal.entries.at(-1)?.when ?? null };
}

/** A temporary migrations folder holding the first `level.count` migrations; the caller removes it. */
export async function folderAtLevel(level: MigrationLevel): Promise<{ folder: string; remove: () => Promise<void> }> {
  const journal = await readJournal();
  if (level.count > journal.entries.length) {
    throw new MigrationLevelError(`备份来自更新版本的程序（迁移级别 ${level.count}，本程序只有 ${journal.entries.length} 个迁移），请用相同或更新版本的程序恢复`);
  }
  const last = journal.entries[level.count - 1];
  if (level.count > 0 && last.when !== level.lastWhen) {
    throw new MigrationLevelError(`备份的迁移记录与本程序不符（第 ${level.count} 个迁移 ${last.tag} 的时间戳不同），无法确定其数据库结构`);
  }
  if (level.count === journal.entries.length) return { folder: migrationsFolder, remove: async () => undefined };
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'mqa-migrations-'));
  await fs.cp(migrationsFolder, folder, { recursive: true });
  await fs.writeFile(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, level.count) }));
  return { folder, remove: () => fs.rm(folder, { recursive: true, force: true }) };
}
