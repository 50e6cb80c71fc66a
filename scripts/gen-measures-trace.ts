/**
 * Writes docs/measures-trace.md: for each article of the Measures, its summary, status,
 * implementing modules, the tests that prove it (titles tagged [Art.N]) and the profile
 * settings that make its open choices.
 *   npx tsx scripts/gen-measures-trace.ts          write the file (npm run trace)
 *   npx tsx scripts/gen-measures-trace.ts --check  exit 1 if the committed file is stale
 * Exits 1 without writing when the trace is untrue (see traceProblems).
 * test/unit/measures-trace.test.ts fails on the same problems and on a stale file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectTrace, renderTrace, TRACE_DOC, traceProblems } from './measures-trace/trace.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = collectTrace(root);
const problems = traceProblems(input);
if (problems.length > 0) {
  process.stderr.write(`条文追溯有 ${problems.length} 个问题：\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
const markdown = renderTrace(input);
const target = resolve(root, TRACE_DOC);

if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== markdown) {
    process.stderr.write(`${TRACE_DOC} 已过期，请运行 npm run trace\n`);
    process.exit(1);
  }
} else {
  writeFileSync(target, markdown);
  process.stdout.write(`wrote ${target}\n`);
}
