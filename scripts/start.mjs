#!/usr/bin/env node
// `npm start`: builds the UI on the first run (when dist/web is missing), then runs the
// server in this same process through tsx's loader (no second Node process to start).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/web/index.html')) && existsSync(join(root, 'vite.config.ts'))) {
  console.log('Building the user interface (first start)…');
  const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
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
