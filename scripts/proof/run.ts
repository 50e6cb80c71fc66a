/**
 * `npm run proof`: the whole reliability harness of issue 14, one step after the other (the
 * machine is shared; nothing runs in parallel). Prints a summary table and exits 1 when any
 * step failed. It takes far longer than `npm test` and is not part of it.
 *
 * Add a step by appending to STEPS: a name, the command, and what docs/reliability.md calls it.
 * PROOF_ONLY=crash,sigterm runs only the steps whose name contains one of the words.
 */
import { spawn } from 'node:child_process';
import { ROOT } from './lib/server.js';

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
  /** Section of docs/reliability.md the step's numbers go into. */
  section: string;
}

const tsx = (script: string, ...args: string[]) => [process.execPath, '--import', 'tsx', script, ...args];

export const STEPS: Step[] = [
  { name: 'crash-recovery', command: tsx('scripts/proof/crash-recovery.ts', '--db', 'both', '--kills', '20'), section: 'Crash recovery' },
  { name: 'pg-restart', command: tsx('scripts/proof/pg-restart.ts', '--restarts', '4'), section: 'PostgreSQL restarted under load' },
  { name: 'disk-full', command: tsx('scripts/proof/disk-full.ts'), section: 'Full disk during uploads' },
  { name: 'sigterm-upload', command: tsx('scripts/proof/sigterm-upload.ts', '--rounds', '3'), section: 'SIGTERM during a long upload' },
  // The suites' own runs against a PostgreSQL server (TEST_DATABASE_URL, as `npm test` sets it; PGlite alone otherwise).
  { name: 'fuzz', command: ['npx', 'vitest', 'run', '--project', 'integration', 'test/integration/fuzz-routes.test.ts'], env: { FUZZ_RUNS: '25' }, section: 'Fuzzing' },
  { name: 'races', command: ['npx', 'vitest', 'run', '--project', 'integration', 'test/integration/races-transitions.test.ts', 'test/integration/races-quotas.test.ts', 'test/integration/races-committee.test.ts', 'test/integration/races-autosave.test.ts'], section: 'Races' },
  { name: 'liveness-and-sessions', command: ['npx', 'vitest', 'run', '--project', 'integration', 'test/integration/liveness.test.ts', 'test/integration/sessions-secrets.test.ts', 'test/integration/login-throttle.test.ts'], section: 'Sessions and secrets' },
  { name: 'check-fresh-demo', command: tsx('scripts/proof/check-fresh-demo.ts'), section: 'Invariants' },
];

interface Outcome {
  name: string;
  code: number;
  seconds: number;
  result: string;
}

function runStep(step: Step): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(step.command[0], step.command.slice(1), { cwd: ROOT, env: { ...process.env, ...step.env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      const lines = String(d).split('\n').filter((l) => l.startsWith('RESULT ') || l.startsWith('SKIPPED'));
      if (lines.length) last = lines.at(-1)!;
    });
    child.on('exit', (code) => resolve({ name: step.name, code: code ?? 1, seconds: Math.round((Date.now() - started) / 1000), result: last }));
  });
}

async function main(): Promise<number> {
  const only = process.env.PROOF_ONLY?.split(',').filter(Boolean);
  const steps = only ? STEPS.filter((s) => only.some((w) => s.name.includes(w))) : STEPS;
  const outcomes: Outcome[] = [];
  for (const step of steps) {
    console.log(`\n==== ${step.name}: ${step.command.slice(step.command[0] === process.execPath ? 3 : 0).join(' ')}`);
    outcomes.push(await runStep(step));
  }
  console.log('\n==== proof summary');
  for (const o of outcomes) console.log(`${o.code === 0 ? 'PASS' : 'FAIL'}  ${o.name.padEnd(18)} ${String(o.seconds).padStart(6)} s  ${o.result.slice(0, 160)}`);
  const failed = outcomes.filter((o) => o.code !== 0);
  console.log(failed.length ? `${failed.length} of ${outcomes.length} steps failed` : `all ${outcomes.length} steps passed`);
  return failed.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) main().then((code) => process.exit(code));
