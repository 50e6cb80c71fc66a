/**
 * The trace from the Measures to the code and the tests: gathered from the repository by
 * `collectTrace`, checked by `traceProblems` and written as docs/measures-trace.md by
 * `renderTrace`. The last two are pure, so the unit test can feed them broken inputs.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ARTICLE_COUNT, articleName, ARTICLES_FILE, loadArticleTable, type Article, type ArticleStatus, type ArticleTable } from './articles.js';
import { scanTests, TEST_ROOTS, type TaggedTest } from './scan-tests.js';
import { formatSettingValue, loadShippedProfiles, PROFILES_DIR, settingExists, settingSource, settingValue, type ShippedProfile } from './settings.js';

export const TRACE_DOC = 'docs/measures-trace.md';

export interface TraceInput {
  table: ArticleTable;
  tests: TaggedTest[];
  /** Problems the scan of the test files found (bad or stray tags). */
  scanProblems: string[];
  profiles: ShippedProfile[];
  /** Whether a repository-relative path exists (the modules the table lists must). */
  pathExists: (path: string) => boolean;
}

export function collectTrace(root: string): TraceInput {
  const table = loadArticleTable(root);
  const { tests, problems } = scanTests(root, ARTICLE_COUNT);
  return { table, tests, scanProblems: problems, profiles: loadShippedProfiles(root), pathExists: (path) => existsSync(resolve(root, path)) };
}

export const testsOf = (input: Pick<TraceInput, 'tests'>, n: number) => input.tests.filter((t) => t.articles.includes(n));

/** Everything that makes the trace untrue; empty when the table, the code and the tests agree. */
export function traceProblems(input: TraceInput): string[] {
  const problems = [...input.scanProblems];
  const numbers = input.table.articles.map((a) => a.number);
  const expected = Array.from({ length: ARTICLE_COUNT }, (_, i) => i + 1);
  if (numbers.join() !== expected.join()) problems.push(`${ARTICLES_FILE} 应依次列出第1–${ARTICLE_COUNT}条各一次，实际为 ${numbers.join(', ')}`);
  for (const article of input.table.articles) {
    const name = articleName(article.number);
    const tests = testsOf(input, article.number);
    if (article.status === 'implemented' && tests.length === 0) problems.push(`${name}标为已实现，但没有测试标注 [Art.${article.number}]`);
    if (article.status !== 'implemented' && tests.length > 0) problems.push(`${name}标为 ${article.status}，却有测试标注 [Art.${article.number}]：${tests[0].file}`);
    for (const module of article.modules) {
      if (!input.pathExists(module)) problems.push(`${name}列出的模块不存在：${module}`);
    }
    for (const setting of article.settings) {
      if (!settingExists(setting.path)) problems.push(`${name}列出的规则设置不存在于规则配置：${setting.path}`);
    }
  }
  return problems;
}

const STATUS_LABEL: Record<ArticleStatus, string> = {
  implemented: '已实现并有测试（implemented, tested）',
  outside: '不属于系统（not the system’s）',
  'not-built': '尚未实现（not yet built）',
};
const STATUS_SHORT: Record<ArticleStatus, string> = { implemented: '已实现', outside: '不属于系统', 'not-built': '尚未实现' };

/** A table cell: no pipes or line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const link = (path: string) => `[${path}](../${path})`;
const testTitle = (t: TaggedTest) => t.titlePath.join(' › ') + (t.group ? `（整组，${t.testsInGroup} 个测试）` : '');

function articleSection(article: Article, input: TraceInput): string[] {
  const tests = testsOf(input, article.number);
  const lines = [`### ${articleName(article.number)}（Art. ${article.number}）`, '', article.summaryZh, '', `*${article.summaryEn}*`, ''];
  lines.push(`- **状态 Status**：${STATUS_LABEL[article.status]}`);
  if (article.reason) lines.push(`- **理由 Reason**：${article.reason}`);
  if (article.note) lines.push(`- **说明 Note**：${article.note}`);
  if (article.modules.length > 0) lines.push(`- **实现模块 Modules**：${article.modules.map(link).join(' · ')}`);
  if (tests.length > 0) {
    lines.push(`- **测试 Tests**（${tests.length}）：`);
    for (const t of tests) lines.push(`  - ${link(t.file)} — ${testTitle(t)}`);
  } else if (article.status === 'implemented') {
    lines.push('- **测试 Tests**：无');
  }
  if (article.settings.length > 0) {
    lines.push('', `| 规则设置 Setting | 办法留给各地的选择 Choice | ${input.profiles.map((p) => cell(p.code)).join(' | ')} |`);
    lines.push(`|---|---|${input.profiles.map(() => '---|').join('')}`);
    for (const s of article.settings) {
      const values = input.profiles.map((p) => {
        const { value, fromDefault } = settingValue(p.data, s.path);
        return cell(`\`${formatSettingValue(value)}\`${fromDefault ? '（默认）' : ''}`);
      });
      lines.push(`| [\`${s.path}\`](../${settingSource(s.path)}) | ${cell(s.choice ?? '—')} | ${values.join(' | ')} |`);
    }
  }
  lines.push('');
  return lines;
}

/** docs/measures-trace.md: deterministic (no dates), articles in order, tests by file then source order. */
export function renderTrace(input: TraceInput): string {
  const { table } = input;
  const count = (status: ArticleStatus) => table.articles.filter((a) => a.status === status).length;
  const lines = [
    `# 逐条追溯：${table.document}`,
    '',
    '> 本文件由 `npm run trace`（scripts/gen-measures-trace.ts）生成，请勿手工修改。',
    `> Generated by \`npm run trace\` from ${link(ARTICLES_FILE)}, the article tags \`[Art.N]\` in test titles under ${TEST_ROOTS.map((r) => `\`${r}\``).join(', ')}, and the profiles in \`${PROFILES_DIR}/\`. Do not edit by hand; test/unit/measures-trace.test.ts fails when it is stale.`,
    '',
    `共 ${table.articles.length} 条：已实现并有测试 ${count('implemented')} 条，不属于系统 ${count('outside')} 条，尚未实现 ${count('not-built')} 条；${input.tests.length} 个测试或测试组标注了条文（Tests or groups tagged）。`,
    '',
    '| 条文 | 摘要 | 状态 | 模块 | 测试 | 规则设置 |',
    '|---|---|---|---:|---:|---|',
  ];
  for (const a of table.articles) {
    const settings = a.settings.map((s) => `\`${s.path}\``).join(' ');
    const anchor = `${articleName(a.number)}art-${a.number}`;
    lines.push(`| [${articleName(a.number)}](#${anchor}) | ${cell(a.summaryZh)} | ${STATUS_SHORT[a.status]} | ${a.modules.length} | ${testsOf(input, a.number).length} | ${settings || '—'} |`);
  }
  lines.push('');
  for (const chapter of table.chapters) {
    lines.push(`## ${chapter.title}`, '');
    for (const a of table.articles.filter((x) => x.number >= chapter.from && x.number <= chapter.to)) lines.push(...articleSection(a, input));
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}
