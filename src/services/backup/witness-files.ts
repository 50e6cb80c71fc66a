import fs from 'node:fs/promises';
import path from 'node:path';
import type { WitnessPaths } from '../audit/witness.js';

/**
 * The audit witness's key and log travel with a backup. The key also signs certificate
 * serials (README "Durability and faults"): a system restored without it would answer every
 * issued certificate as unknown. The log is cut at the snapshot's head, so the restored
 * system's `audit verify` agrees with its restored chain instead of reporting the heads
 * written after the snapshot as a truncation.
 */
const KEY = 'witness/audit-witness.key';
const LOG = 'witness/audit-witness.log';

export interface WitnessCopy {
  key: boolean;
  logLines: number;
}

export async function backupWitness(paths: WitnessPaths, dir: string, headSeq: number): Promise<WitnessCopy> {
  const key = await readQuietly(paths.keyFile);
  const log = await readQuietly(paths.file);
  if (!key && !log) return { key: false, logLines: 0 };
  await fs.mkdir(path.join(dir, 'witness'), { recursive: true, mode: 0o700 });
  if (key) await fs.writeFile(path.join(dir, KEY), key, { mode: 0o600 });
  const lines = (log?.toString('utf8') ?? '').split('\n').filter((line) => line.trim() !== '' && Number(line.split(' ')[0]) <= headSeq);
  await fs.writeFile(path.join(dir, LOG), lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
  return { key: !!key, logLines: lines.length };
}

/** Why the target's witness files stand in the way (a sentence), or null. An identical key is no obstacle. */
export async function witnessInTheWay(paths: WitnessPaths, dir: string, copy: WitnessCopy): Promise<string | null> {
  const targetKey = await readQuietly(paths.keyFile);
  const backupKey = copy.key ? await readQuietly(path.join(dir, KEY)) : null;
  if (targetKey && backupKey && !targetKey.equals(backupKey)) return `审计见证密钥 ${paths.keyFile} 已存在且与备份中的不同`;
  const targetLog = await readQuietly(paths.file);
  if (targetLog && targetLog.length > 0) return `审计见证文件 ${paths.file} 中已有记录`;
  return null;
}

/** Puts the backup's key and log in place (replacing what --force allowed to replace). */
export async function restoreWitness(paths: WitnessPaths, dir: string, copy: WitnessCopy): Promise<void> {
  if (copy.key) {
    await fs.mkdir(path.dirname(paths.keyFile), { recursive: true });
    await fs.copyFile(path.join(dir, KEY), paths.keyFile);
    await fs.chmod(paths.keyFile, 0o600);
  }
  await fs.rm(paths.file, { force: true });
  if (copy.logLines > 0) {
    await fs.mkdir(path.dirname(paths.file), { recursive: true });
    await fs.copyFile(path.join(dir, LOG), paths.file);
    await fs.chmod(paths.file, 0o600);
  }
}

async function readQuietly(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
