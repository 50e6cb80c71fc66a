/**
 * `assign solve <instance.json>`   the exact panel assignment of issue 11 on a file
 * Prints {"assignments", "objective", "unassigned"} as JSON and exits 0; a missing or malformed
 * file exits 1 with the reason (and the field at fault) on stderr.
 */
import { readFile } from 'node:fs/promises';
import { parseInstance, solveAssignment } from '../../domain/assignment/index.js';
import type { CliIo } from '../io.js';

const USAGE = '用法：assign solve <instance.json>\n';

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, file, ...rest] = args;
  if (sub !== 'solve' || file === undefined || rest.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(code === 'ENOENT' ? `找不到文件：${file}\n` : `无法读取文件 ${file}：${(error as Error).message}\n`);
    return 1;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.stderr(`文件 ${file} 不是有效的 JSON：${(error as Error).message}\n`);
    return 1;
  }
  const parsed = parseInstance(json);
  if (!parsed.ok) {
    io.stderr(`实例无效：字段 ${parsed.field}：${parsed.message}\n`);
    return 1;
  }
  const { assignments, objective, unassigned } = solveAssignment(parsed.instance);
  io.stdout(`${JSON.stringify({ assignments, objective, unassigned })}\n`);
  return 0;
}
