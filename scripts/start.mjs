#!/usr/bin/env node
// `npm start`: builds the UI on the first run (when dist/web is missing), then runs the
// server in this same process through tsx's loader (no second Node process to start).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Several starts at once on a fresh checkout (the tests do it) must not build into the same
// folder together: one build empties it under the other. The first takes this lock (mkdir is
// atomic); the others wait for it. A lock older than any build is a crashed one's, and is taken over.
const buildLock = join(root, 'dist/.first-build.lock');
const STALE_LOCK_MS = 5 * 60_000;
const built = () => existsSync(join(root, 'dist/web/index.html')) && !existsSync(buildLock);
while (!built() && existsSync(join(root, 'vite.config.ts'))) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  let mine = false;
  try {
    mkdirSync(buildLock);
    mine = true;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
  if (mine) {
    console.log('Building the user interface (first start)…');
    const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
    rmSync(buildLock, { recursive: true, force: true });
    if (build.status !== 0) process.exit(build.status ?? 1);
    break;
  } else {
    console.log('Waiting for another start to finish building the user interface…');
    while (existsSync(buildLock)) {
      const lockedAt = statSync(buildLock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - lockedAt > STALE_LOCK_MS) rmSync(buildLock, { recursive: true, force: true });
      await sleep(200);
    }
  }
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
const { ConfigError, loadConfig } = await import('../src/config.ts');
try {
  loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const code = await main(['start', ...process.argv.slice(2)], {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
if (code !== -1) process.exit(code);
