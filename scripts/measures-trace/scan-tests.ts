/**
 * Finds the article tags in test titles. A test (or a describe block) that proves an article's
 * rule carries `[Art.N]` in its title, e.g. it('… [Art.17]'). The files are parsed with the
 * TypeScript compiler so that parametrised titles (it.each(…)('…')) and nesting are read as
 * vitest and Playwright see them; a tag anywhere else in a test file is reported, not ignored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const TEST_ROOTS = ['test/unit', 'test/integration', 'test/e2e'];
// Support modules may define shared tests (support/demo-published.ts runs under each profile).
const TEST_FILE = /\.tsx?$/;
const TEST_CALLEES = new Set(['describe', 'it', 'test', 'suite']);
/** Any bracket that starts like a tag; well-formed ones are [Art.N]. */
const TAG_LIKE = /\[Art\.([^\]\s]*)\]/g;
const TAG_START = /\[Art\./g;

export interface TaggedTest {
  /** Repository-relative path, with forward slashes. */
  file: string;
  /** The enclosing describe titles and the test's own title, tags removed. */
  titlePath: string[];
  /** A describe block tagged as a whole, with the number of tests written inside it. */
  group: boolean;
  testsInGroup: number;
  articles: number[];
}

export interface ScanResult {
  tests: TaggedTest[];
  problems: string[];
}

/** The literal text of a title argument, or null when it is computed. */
function literalText(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.getText().slice(1, -1);
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalText(node.left);
    const right = literalText(node.right);
    return left === null || right === null ? null : left + right;
  }
  return null;
}

/** it / test / describe and their chains (it.each(t), test.describe.serial …): the names along the callee. */
function calleeNames(expression: ts.Expression): string[] | null {
  const names: string[] = [];
  let node: ts.Expression = expression;
  for (;;) {
    if (ts.isIdentifier(node)) {
      names.unshift(node.text);
      return TEST_CALLEES.has(node.text) ? names : null;
    }
    if (ts.isPropertyAccessExpression(node)) {
      names.unshift(node.name.text);
      node = node.expression;
    } else if (ts.isCallExpression(node)) node = node.expression;
    else return null;
  }
}

const stripTags = (title: string) => title.replace(TAG_LIKE, '').replace(/\s{2,}/g, ' ').trim();

/** The tags of one test file's source text; `file` is only used to name it. */
export function scanTestSource(file: string, text: string, articleCount: number): ScanResult {
  // Most test files carry no tag: skip the parse.
  if (!text.includes('[Art.')) return { tests: [], problems: [] };
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const tests: TaggedTest[] = [];
  const problems: string[] = [];
  const stack: string[] = [];
  let tagsInTitles = 0;

  const countTests = (node: ts.Node): number => {
    let n = 0;
    const walk = (child: ts.Node) => {
      if (ts.isCallExpression(child)) {
        const names = calleeNames(child.expression);
        const title = child.arguments[0];
        if (names && !names.includes('describe') && title && literalText(title) !== null) n += 1;
      }
      ts.forEachChild(child, walk);
    };
    ts.forEachChild(node, walk);
    return n;
  };

  const visit = (node: ts.Node): void => {
    if (!ts.isCallExpression(node)) return ts.forEachChild(node, visit);
    const names = calleeNames(node.expression);
    const first = node.arguments[0];
    const title = names && first ? literalText(first) : null;
    if (names === null || title === null) return ts.forEachChild(node, visit);

    const group = names.includes('describe');
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const articles: number[] = [];
    for (const match of title.matchAll(TAG_LIKE)) {
      tagsInTitles += 1;
      const raw = match[1];
      const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n)) problems.push(`${file}:${line} 标签 ${match[0]} 格式不对，应为 [Art.条号]`);
      else if (n < 1 || n > articleCount) problems.push(`${file}:${line} 标签 ${match[0]} 超出办法的条文范围（第1–${articleCount}条）`);
      else if (!articles.includes(n)) articles.push(n);
    }
    const own = stripTags(title);
    if (articles.length > 0) {
      tests.push({ file, titlePath: [...stack, own], group, testsInGroup: group ? countTests(node) : 0, articles: articles.sort((a, b) => a - b) });
    }
    if (group) stack.push(own);
    ts.forEachChild(node, visit);
    if (group) stack.pop();
  };
  visit(source);

  const written = text.match(TAG_START)?.length ?? 0;
  if (written > tagsInTitles) problems.push(`${file} 有 ${written - tagsInTitles} 处条文标签不在测试标题里（标签只能写在 describe/it/test 的标题中）`);
  return { tests, problems };
}

function testFiles(root: string, dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(resolve(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(root, path);
    return TEST_FILE.test(e.name) ? [path] : [];
  });
}

/** Every tagged test under the test roots, files in path order, tests in source order. */
export function scanTests(root: string, articleCount: number): ScanResult {
  const files = TEST_ROOTS.flatMap((dir) => testFiles(root, dir))
    .map((path) => relative(root, resolve(root, path)).split('\\').join('/'))
    .sort();
  const results = files.map((file) => scanTestSource(file, readFileSync(resolve(root, file), 'utf8'), articleCount));
  return { tests: results.flatMap((r) => r.tests), problems: results.flatMap((r) => r.problems) };
}
