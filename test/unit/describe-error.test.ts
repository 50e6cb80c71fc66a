import { describe, expect, it } from 'vitest';
import { describeError, StepError } from '../../src/cli/describe-error.js';
import { ConfigError } from '../../src/config.js';

const errno = (code: string, message: string, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });

describe('describeError', () => {
  it('puts PGlite’s message-less file-system error into words', () => {
    const pglite = { name: 'ErrnoError', errno: 51 };
    const text = describeError(new StepError('无法打开数据库（数据目录 /data/db）', { cause: pglite }));
    expect(text).toBe('无法打开数据库（数据目录 /data/db）：磁盘空间不足（ENOSPC）');
  });

  it('never prints a bare undefined', () => {
    for (const thrown of [undefined, null, {}, new Error(''), { name: 'ErrnoError', errno: 999 }, Object.create(null)]) {
      const text = describeError(thrown);
      expect(text).not.toMatch(/^undefined$|^$/);
      expect(text).toContain('错误');
    }
  });

  it('names the path or address of Node errors and every cause', () => {
    expect(describeError(errno('EACCES', "EACCES: permission denied, mkdir '/srv/data'", { path: '/srv/data' }))).toBe(
      "没有访问权限：/srv/data EACCES: permission denied, mkdir '/srv/data'",
    );
    const refused = new AggregateError([errno('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'), errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')]);
    expect(describeError(new StepError('服务器启动失败', { cause: refused }))).toBe(
      '服务器启动失败：数据库拒绝连接（未启动或地址、端口有误） connect ECONNREFUSED ::1:5432；数据库拒绝连接（未启动或地址、端口有误） connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(describeError(errno('EADDRINUSE', 'listen EADDRINUSE: address already in use 0.0.0.0:3000', { address: '0.0.0.0', port: 3000 }))).toContain('端口已被占用：0.0.0.0:3000');
  });

  it('keeps configuration problems and refused fields as they are', () => {
    expect(describeError(new ConfigError(['PORT: bad']))).toBe('Invalid configuration:\n  - PORT: bad');
    expect(describeError(Object.assign(new Error('密码不符合要求'), { fields: [{ field: 'ADMIN_PASSWORD', message: '密码不能包含用户名' }] }))).toBe(
      '密码不符合要求: ADMIN_PASSWORD 密码不能包含用户名',
    );
    expect(describeError('a string')).toBe('a string');
  });
});
