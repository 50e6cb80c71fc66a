import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildLifecycle,
  checkTransition,
  LifecycleTableError,
  renderLifecycleMarkdown,
  renderLifecycleMermaid,
  validateLifecycle,
  type LifecycleTable,
} from '../../src/domain/lifecycle/index.js';
import { ruleProfileSchema } from '../../src/domain/profile/schema.js';
import { loadProfile } from './support/profiles.js';
import { BASE_CONTEXT } from './support/lifecycle-fixtures.js';

const linyi = loadProfile('linyi-2017');

describe('stage order is profile data [Art.15]', () => {
  const reordered = ruleProfileSchema.parse({ ...linyi, code: 'defence-first', technicalStages: ['material', 'defence', 'onsite'] });
  const table = buildLifecycle(reordered);
  // Advancement is decided over the list by the agency, then taken by the procedure.
  const move = (from: string, to: string) => checkTransition(table, { from, to, roles: ['agency'], context: BASE_CONTEXT, reason: '理由', by: 'procedure' });

  it('material → defence → onsite → reported', () => {
    expect(move('qualified', 'material_review').ok).toBe(true);
    expect(move('material_review', 'defence_review').ok).toBe(true);
    expect(move('defence_review', 'onsite_review').ok).toBe(true);
    expect(move('onsite_review', 'technical_reviewed').ok).toBe(true);
  });

  it('the Linyi order is refused under this profile', () => {
    expect(move('material_review', 'onsite_review')).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(move('defence_review', 'technical_reviewed')).toMatchObject({ ok: false, reason: 'not_allowed' });
  });

  it('every stage keeps its did-not-advance exit', () => {
    for (const s of ['material_review', 'defence_review', 'onsite_review']) expect(move(s, 'not_advanced').ok).toBe(true);
  });

  it('a profile with only material review has no on-site or defence states', () => {
    const table1 = buildLifecycle({ code: 'material-only', technicalStages: ['material'] });
    expect(table1.states).not.toContain('onsite_review');
    expect(table1.states).not.toContain('defence_review');
    expect(checkTransition(table1, { from: 'material_review', to: 'technical_reviewed', roles: ['agency'], context: BASE_CONTEXT, by: 'procedure' }).ok).toBe(true);
    expect(checkTransition(table1, { from: 'material_review', to: 'onsite_review', roles: ['agency'], context: BASE_CONTEXT })).toMatchObject({
      ok: false,
      reason: 'unknown_state',
    });
  });
});

describe('validateLifecycle', () => {
  const good = buildLifecycle(linyi);

  it('accepts the built tables', () => {
    expect(() => validateLifecycle(good)).not.toThrow();
  });

  it('lists every problem of a broken table', () => {
    const broken: LifecycleTable = {
      ...good,
      // drop every way into `candidate` and every way out of `proposed`
      transitions: good.transitions.filter((t) => t.to !== 'candidate' && t.from !== 'proposed'),
    };
    try {
      validateLifecycle(broken);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(LifecycleTableError);
      const problems = (err as LifecycleTableError).problems;
      expect(problems).toContain('非终态 proposed（建议拟获奖（评审委审议）） 没有任何后续转换');
      expect(problems).toContain('状态 candidate（建议候选） 从初始状态不可达');
      expect(problems.some((p) => p.startsWith('状态 proposed') && p.includes('无法到达任何终态'))).toBe(true);
    }
  });

  it('refuses exits from a final state, duplicates, unknown roles and guards', () => {
    const t0 = good.transitions[0];
    const broken: LifecycleTable = {
      ...good,
      transitions: [
        ...good.transitions,
        { ...t0 },
        { ...t0, from: 'withdrawn', to: 'draft' },
        { ...t0, from: 'draft', to: 'accepted', roles: ['nobody' as never], guards: ['magic' as never] },
      ],
    };
    expect(() => validateLifecycle(broken)).toThrow(/转换 draft → submitted 重复定义[\s\S]*角色 nobody 不存在[\s\S]*条件 magic 不存在[\s\S]*终态 withdrawn（已撤回） 不应有后续转换/);
  });
});

describe('docs/lifecycle.md', () => {
  it('matches what scripts/gen-lifecycle-diagram.ts generates (run it after changing the table)', () => {
    const committed = readFileSync(new URL('../../docs/lifecycle.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderLifecycleMarkdown(buildLifecycle(linyi)));
  });

  it('the diagram has one edge per transition and starts at draft', () => {
    const mermaid = renderLifecycleMermaid(buildLifecycle(linyi));
    expect(mermaid.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(mermaid).toContain('[*] --> draft');
    expect(mermaid.match(/^ {2}\w+ --> \w+ : /gm)).toHaveLength(buildLifecycle(linyi).transitions.length);
  });
});
