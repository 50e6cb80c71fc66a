import { ConfigError } from '../config.js';

/**
 * Turns whatever a command or the start-up threw into words an operator can act on. Some
 * libraries throw things that are not Errors or carry no message (PGlite's file system
 * throws `ErrnoError { errno: 51 }` on a full disk), which used to print as `undefined`.
 */

/** Emscripten's errno numbers (PGlite's virtual file system), for the codes a data folder can hit. */
const EMSCRIPTEN_ERRNO: Record<number, string> = { 2: 'EACCES', 19: 'EDQUOT', 20: 'EEXIST', 29: 'EIO', 31: 'EISDIR', 44: 'ENOENT', 48: 'ENOMEM', 51: 'ENOSPC', 54: 'ENOTDIR', 63: 'EPERM', 69: 'EROFS' };

const CODE_WORDS: Record<string, string> = {
  ENOSPC: '磁盘空间不足',
  EDQUOT: '磁盘配额已用完',
  EACCES: '没有访问权限',
  EPERM: '操作不被允许（权限不足）',
  EROFS: '文件系统是只读的',
  ENOTDIR: '路径中有一部分不是文件夹',
  EISDIR: '需要文件的地方是一个文件夹',
  ENOENT: '文件或文件夹不存在',
  EEXIST: '文件已存在',
  EIO: '磁盘读写错误',
  ENOMEM: '内存不足',
  EMFILE: '打开的文件过多',
  EADDRINUSE: '端口已被占用',
  EADDRNOTAVAIL: '监听地址在本机不可用',
  ECONNREFUSED: '数据库拒绝连接（未启动或地址、端口有误）',
  ENOTFOUND: '找不到数据库主机（主机名有误）',
  ETIMEDOUT: '连接超时',
  ECONNRESET: '连接被对方重置',
  '28P01': '数据库用户名或密码错误',
  '3D000': '数据库不存在',
  '53100': '数据库所在磁盘空间不足',
};

/** An error with what the program was doing when it happened (the cause says why). */
export class StepError extends Error {
  constructor(step: string, options: { cause: unknown }) {
    super(step, options);
  }
}

function codeOf(error: object): string | undefined {
  const e = error as { code?: unknown; name?: unknown; errno?: unknown };
  if (typeof e.code === 'string' && e.code) return e.code;
  if (e.name === 'ErrnoError' && typeof e.errno === 'number') return EMSCRIPTEN_ERRNO[e.errno] ?? `errno ${e.errno}`;
  return undefined;
}

/** One error, without its causes. */
function describeOne(error: unknown): string {
  if (error === undefined || error === null) return `未知错误（抛出了 ${String(error)}）`;
  if (typeof error !== 'object') return String(error);
  if (error instanceof ConfigError) return error.message;
  const code = codeOf(error);
  const e = error as { message?: unknown; path?: unknown; address?: unknown; port?: unknown; fields?: Array<{ field: string; message: string }> };
  const words = code ? CODE_WORDS[code] : undefined;
  const message = typeof e.message === 'string' && e.message.trim() ? e.message.trim() : '';
  const where = typeof e.path === 'string' ? `：${e.path}` : typeof e.address === 'string' ? `：${e.address}${e.port ? `:${String(e.port)}` : ''}` : '';
  const parts = [words ? `${words}${where}` : '', message && !(words && message === code) ? message : ''].filter(Boolean);
  if (parts.length === 0) {
    const name = (error as { name?: unknown }).name;
    parts.push(`未知错误（${typeof name === 'string' ? name : Object.prototype.toString.call(error)}${safeJson(error)}）`);
  }
  if (code && !message.includes(code)) parts.push(`（${code}）`);
  const fields = e.fields?.length ? `: ${e.fields.map((f) => `${f.field} ${f.message}`).join('; ')}` : '';
  return parts.join(' ').replace(' （', '（') + fields;
}

function safeJson(value: object): string {
  try {
    const json = JSON.stringify(value);
    return json && json !== '{}' ? ` ${json.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

/** The error and each of its causes (and an AggregateError's members), one clause each. */
export function describeError(error: unknown): string {
  if (error === undefined) return describeOne(error);
  const clauses: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth++) {
    if (current instanceof AggregateError && current.errors.length && !codeOf(current)) {
      clauses.push([...new Set(current.errors.map(describeOne))].join('；'));
      break;
    }
    clauses.push(describeOne(current));
    current = current && typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return [...new Set(clauses)].join('：');
}
