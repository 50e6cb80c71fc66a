/**
 * `check [--json]`      the invariant checker (check-invariants.ts): exit 1 naming each violation
 * `check uscc <code>`   unified social credit code (GB 32100-2015)
 * `check id <number>`   resident ID number (GB 11643-1999)
 * Prints `valid` and exits 0, or the Chinese reason on stderr and exits 1.
 */
import { shanghaiToday } from '../../domain/calendar/index.js';
import { validateCreditCode, validateIdNumber } from '../../domain/identity/index.js';
import type { CliIo } from '../io.js';
import { runInvariants, type InvariantTarget } from './check-invariants.js';

const USAGE = '用法：check [--json] | check uscc <统一社会信用代码> | check id <身份证号码>\n';

export async function run(args: string[], io: CliIo, options: { now?: () => Date; invariants?: InvariantTarget } = {}): Promise<number> {
  if (args.every((a) => a === '--json')) return runInvariants(args, io, options.invariants);
  const [kind, value, ...rest] = args;
  if ((kind !== 'uscc' && kind !== 'id') || value === undefined || rest.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  const result =
    kind === 'uscc'
      ? validateCreditCode(value)
      : validateIdNumber(value, { today: shanghaiToday((options.now ?? (() => new Date()))()) });
  if (result.ok) {
    io.stdout('valid\n');
    return 0;
  }
  io.stderr(`${result.message}\n`);
  return 1;
}
