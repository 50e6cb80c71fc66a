/**
 * Writes docs/lifecycle.md: the application lifecycle of the Linyi 2017 profile as a
 * Mermaid stateDiagram-v2 plus a table of every transition.
 *   npx tsx scripts/gen-lifecycle-diagram.ts          write the file
 *   npx tsx scripts/gen-lifecycle-diagram.ts --check  exit 1 if the committed file is stale
 * test/unit/lifecycle-doc.test.ts fails when the committed file differs.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleProfileSchema } from '../src/domain/profile/schema.js';
import { buildLifecycle, renderLifecycleMarkdown } from '../src/domain/lifecycle/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const profile = ruleProfileSchema.parse(JSON.parse(readFileSync(resolve(root, 'resources/profiles/linyi-2017.json'), 'utf8')));
const markdown = renderLifecycleMarkdown(buildLifecycle(profile));
const target = resolve(root, 'docs/lifecycle.md');

if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== markdown) {
    process.stderr.write('docs/lifecycle.md 已过期，请运行 npx tsx scripts/gen-lifecycle-diagram.ts\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, markdown);
  process.stdout.write(`wrote ${target}\n`);
}
