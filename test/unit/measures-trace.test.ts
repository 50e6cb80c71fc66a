// The trace from the Measures to the code and the tests (scripts/gen-measures-trace.ts):
// the committed docs/measures-trace.md must be what the generator writes today, and the
// trace must be true. The checks are also fed broken inputs, so each is seen to fire.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleName } from '../../scripts/measures-trace/articles.js';
import { scanTestSource } from '../../scripts/measures-trace/scan-tests.js';
import { settingExists, settingValue } from '../../scripts/measures-trace/settings.js';
import { collectTrace, renderTrace, TRACE_DOC, traceProblems, type TraceInput } from '../../scripts/measures-trace/trace.js';
import { budget } from '../support/budget.js';

const root = resolve(import.meta.dirname, '../..');
// Written without the literal bracket so this file never holds a tag of its own.
const tag = (n: number | string) => `[${'Art'}.${n}]`;

let input: TraceInput;
beforeAll(() => {
  input = collectTrace(root);
}, budget(30_000));

/** Problems a change adds to those of the repository, so each case fails for its own reason only. */
const added = (changed: TraceInput) => {
  const before = traceProblems(input);
  return traceProblems(changed).filter((p) => !before.includes(p));
};

const withArticle = (n: number, change: (a: TraceInput['table']['articles'][number]) => object): TraceInput => ({
  ...input,
  table: { ...input.table, articles: input.table.articles.map((a) => (a.number === n ? { ...a, ...change(a) } : a)) },
});

describe('docs/measures-trace.md', () => {
  it('matches what scripts/gen-measures-trace.ts generates (run npm run trace after tagging a test or editing the table)', () => {
    expect(readFileSync(resolve(root, TRACE_DOC), 'utf8')).toBe(renderTrace(input));
  });

  it('has a section per article, in order, with the tests that prove it', () => {
    const doc = renderTrace(input);
    const headings = [...doc.matchAll(/^### (第.+条)（Art\. (\d+)）$/gm)].map((m) => [m[1], Number(m[2])]);
    expect(headings).toEqual(Array.from({ length: 30 }, (_, i) => [articleName(i + 1), i + 1]));
    const art17 = doc.slice(doc.indexOf('### 第十七条'), doc.indexOf('### 第十八条'));
    expect(art17).toContain('[test/integration/notice.test.ts](../test/integration/notice.test.ts)');
    expect(art17).toMatch(/\| \[`noticeWorkingDays`\]\(\.\.\/src\/domain\/profile\/schema\.ts\) \|.*\| `5` \|/);
  });

  it('changes when a tag goes (the staleness check can fail)', () => {
    const dropped = { ...input, tests: input.tests.slice(1) };
    expect(renderTrace(dropped)).not.toBe(renderTrace(input));
  });
});

describe('the trace is true', () => {
  it('in this repository: every implemented article has a test, every module and setting exists, every tag is an article', () => {
    expect(traceProblems(input)).toEqual([]);
  });

  it('names an implemented article that has lost its last test', () => {
    const untested = { ...input, tests: input.tests.filter((t) => !t.articles.includes(17)) };
    expect(added(untested)).toEqual([`第十七条标为已实现，但没有测试标注 ${tag(17)}`]);
  });

  it('names an article outside the system that a test claims to prove', () => {
    const claimed = { ...input, tests: [...input.tests, { file: 'test/unit/x.test.ts', titlePath: ['x'], group: false, testsInGroup: 0, articles: [4] }] };
    expect(added(claimed)).toEqual([`第四条标为 outside，却有测试标注 ${tag(4)}：test/unit/x.test.ts`]);
  });

  it('names a module path that does not exist, and a setting the profile schema does not have', () => {
    const broken = withArticle(6, (a) => ({ modules: [...a.modules, 'src/domain/eligibility/nowhere.ts'], settings: [{ path: 'eligibility.winnersBarredForever' }] }));
    expect(added(broken)).toEqual([
      '第六条列出的模块不存在：src/domain/eligibility/nowhere.ts',
      '第六条列出的规则设置不存在于规则配置：eligibility.winnersBarredForever',
    ]);
  });

  it('wants articles 1 to 30, each once', () => {
    const short = { ...input, table: { ...input.table, articles: input.table.articles.filter((a) => a.number !== 22) } };
    expect(added(short)[0]).toMatch(/^resources\/reference\/measures-articles\.json 应依次列出第1–30条各一次/);
  });
});

describe('the tag scanner', () => {
  it('reads nested, parametrised and Playwright titles, a tagged describe as a group', () => {
    const source = [
      `describe.each(['pglite'])('intake on %s ${tag(14)}', (kind) => {`,
      `  it('one', () => {});`,
      `  it.each([[1], [2]])('two %i', () => {});`,
      `  describe('inner', () => {`,
      `    it('proves two articles ${tag(15)}${tag(6)}', async () => {});`,
      `    it(\`a template ${tag(6)}\`, () => {});`,
      '  });',
      '});',
      `test.describe.configure({ mode: 'serial' });`,
      `test('a browser step ${tag(17)}', async ({ page }) => {});`,
    ].join('\n');
    const { tests, problems } = scanTestSource('test/e2e/x.spec.ts', source, 30);
    expect(problems).toEqual([]);
    expect(tests.map((t) => [t.titlePath.join(' › '), t.articles, t.group, t.testsInGroup])).toEqual([
      ['intake on %s', [14], true, 4],
      ['intake on %s › inner › proves two articles', [6, 15], false, 0],
      ['intake on %s › inner › a template', [6], false, 0],
      ['a browser step', [17], false, 0],
    ]);
  });

  it('refuses a tag outside 1–30 or malformed, naming the file and line', () => {
    const source = [`it('too far ${tag(31)}', () => {});`, `it('none ${tag(0)}', () => {});`, `it('words ${tag('x')}', () => {});`].join('\n');
    expect(scanTestSource('test/unit/x.test.ts', source, 30)).toEqual({
      tests: [],
      problems: [
        `test/unit/x.test.ts:1 标签 ${tag(31)} 超出办法的条文范围（第1–30条）`,
        `test/unit/x.test.ts:2 标签 ${tag(0)} 超出办法的条文范围（第1–30条）`,
        `test/unit/x.test.ts:3 标签 ${tag('x')} 格式不对，应为 ${tag('条号')}`,
      ],
    });
  });

  it('refuses a tag written anywhere but a test title', () => {
    const source = [`// proves ${tag(17)}`, `const title = 'computed ${tag(17)}';`, 'it(title, () => {});', `it('real ${tag(17)}', () => {});`].join('\n');
    const { tests, problems } = scanTestSource('test/unit/x.test.ts', source, 30);
    expect(tests).toHaveLength(1);
    expect(problems).toEqual(['test/unit/x.test.ts 有 2 处条文标签不在测试标题里（标签只能写在 describe/it/test 的标题中）']);
  });
});

describe('profile settings in the trace', () => {
  it('exist in the rule profile schema, optional sections included', () => {
    expect(['countyCap', 'eligibility.nomineesBarred', 'decision.committee.quorumShare', 'supervision.revocationGrounds.unit'].map(settingExists)).toEqual([true, true, true, true]);
    expect(['county', 'eligibility.nomineesBarred.x', 'decision.committee.quorum'].map(settingExists)).toEqual([false, false, false]);
  });

  it('read a profile’s value, or the default the services use when the section is absent', () => {
    expect(settingValue({ countyCap: null }, 'countyCap')).toEqual({ value: null, fromDefault: false });
    expect(settingValue({}, 'decision.usageReportMonths')).toEqual({ value: 12, fromDefault: true });
    expect(settingValue({ decision: { usageReportMonths: 6 } }, 'decision.usageReportMonths')).toEqual({ value: 6, fromDefault: false });
  });
});
