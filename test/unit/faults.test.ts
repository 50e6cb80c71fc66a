import { describe, expect, it } from 'vitest';
import { classifyFault } from '../../src/services/faults.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('classifyFault', () => {
  it('sees a database that cannot be reached through any wrapper', () => {
    expect(classifyFault(withCode('57P01', 'terminating connection due to administrator command'))).toBe('database_unavailable');
    expect(classifyFault(withCode('08006'))).toBe('database_unavailable');
    expect(classifyFault(new Error('Failed query: insert …', { cause: new Error('Connection terminated unexpectedly') }))).toBe('database_unavailable');
    expect(classifyFault(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe('database_unavailable');
    // A full pool is busy, not down; a connection that cannot be made is down.
    expect(classifyFault(new Error('timeout exceeded when trying to connect'))).toBe('database_busy');
    expect(classifyFault(new Error('Connection terminated due to connection timeout'))).toBe('database_unavailable');
    expect(classifyFault(new Error('PGlite is closed'))).toBe('database_unavailable');
  });

  it('sees a full disk, from the file system or from PostgreSQL', () => {
    expect(classifyFault(withCode('ENOSPC', 'no space left on device, write'))).toBe('storage_full');
    expect(classifyFault(new Error('Failed query', { cause: withCode('53100', 'could not extend file') }))).toBe('storage_full');
    // PGlite's virtual file system: Emscripten's ErrnoError, no message, errno 51 = ENOSPC.
    expect(classifyFault({ name: 'ErrnoError', errno: 51 })).toBe('storage_full');
    expect(classifyFault({ name: 'ErrnoError', errno: 44 })).toBeNull();
  });

  it('leaves every other error to the generic answer', () => {
    expect(classifyFault(withCode('23505', 'duplicate key'))).toBeNull();
    expect(classifyFault(withCode('ENOENT'))).toBeNull();
    expect(classifyFault(new TypeError('x is undefined'))).toBeNull();
    expect(classifyFault(undefined)).toBeNull();
    expect(classifyFault('a string')).toBeNull();
  });
});
