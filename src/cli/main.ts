import { loadConfig } from '../config.js';
import { describeError } from './describe-error.js';
import type { CliIo } from './io.js';

/**
 * The command-line entry: `npm run cli -- <command> …`. Each command lives in its own module
 * and returns an exit code; only results go to stdout, problems to stderr.
 */

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: { summary: 'start [--demo]            run the server', load: async () => (await import('./commands/start.js')).run },
  migrate: { summary: 'migrate                   apply database migrations', load: async () => (await import('./commands/migrate.js')).run },
  user: { summary: 'user create <username> <display name> <role>[,role] [--org <name>]   (password from NEW_PASSWORD)', load: async () => (await import('./commands/user.js')).run },
  demo: { summary: 'demo load                 load the demo edition and accounts', load: async () => (await import('./commands/demo.js')).run },
  files: { summary: 'files verify              check every stored file against its sha256', load: async () => (await import('./commands/files.js')).run },
  backup: { summary: 'backup <dir>              consistent backup of the database and the file store', load: async () => (await import('./commands/backup.js')).run },
  restore: { summary: 'restore <dir> [--force]   restore a backup into an empty system, then verify it', load: async () => (await import('./commands/backup.js')).runRestore },
  audit: { summary: 'audit verify              verify the audit hash chain', load: async () => (await import('./commands/audit.js')).run },
  workdays: { summary: 'workdays notice-end|add <YYYY-MM-DD> <n>   (with the database overrides)', load: async () => (await import('./commands/workdays-db.js')).run },
  assign: { summary: 'assign solve <instance.json>   optimal expert panels for a file instance', load: async () => (await import('./commands/assign.js')).run },
  check: { summary: 'check [--json] | check uscc|id <value>   invariant checker (exit 1 naming each violation) | validate a credit code or ID number', load: async () => (await import('./commands/check.js')).run },
  calibrate: { summary: 'calibrate <scores.json> [--shrinkage λ]   expert leniency calibration of a score file', load: async () => (await import('./commands/calibrate.js')).run },
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`usage: npm run cli -- <command>\n${Object.values(COMMANDS).map((c) => `  ${c.summary}`).join('\n')}\n`);
    return 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return 1;
  }
}

export { loadConfig };

const isEntry = process.argv[1] && /src[\\/]cli[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  const io: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
  main(process.argv.slice(2), io).then((code) => {
    // `start` keeps running; every other command exits with its code.
    if (code !== -1) process.exit(code);
  });
}
