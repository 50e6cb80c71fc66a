import { describe, expect, it } from 'vitest';
import { ConflictIndex } from '../../src/domain/conflicts/conflict-index.js';
import { conflictDeclarationSchema, conflictDismissalSchema } from '../../src/domain/conflicts/declarations.js';
import { detectConflictGroups, detectConflicts } from '../../src/domain/conflicts/detect.js';
import { conflictRulesSchema, DEFAULT_CONFLICT_RULES, type ConflictRules } from '../../src/domain/conflicts/rules.js';
import { conflictKey, conflictRuleKey, type ConflictApplicant, type ConflictExpert } from '../../src/domain/conflicts/types.js';

const ALL_ON: ConflictRules = { sameUnit: true, formerEmployerYears: 3, relatives: true, advisers: true, sameCounty: true };
const experts: ConflictExpert[] = [
  { id: 'E1', unit: '临沂华信有限公司', countyName: '兰山区', formerEmployers: [], relativesUnits: ['临沂华信有限公司'], advisedUnits: [] },
  { id: 'E2', unit: '临沂大学', countyName: '兰山区', formerEmployers: [], relativesUnits: [], advisedUnits: [] },
  { id: 'E3', unit: '临沂大学', countyName: '费县', formerEmployers: [], relativesUnits: [], advisedUnits: [] },
];
const applicants: ConflictApplicant[] = [
  { id: 'A1', name: '临沂华信有限公司', unit: '临沂华信有限公司', countyName: '兰山区' },
  { id: 'A2', name: '沂蒙食品有限公司', unit: '沂蒙食品有限公司', countyName: '河东区' },
];
const detected = detectConflicts(experts, applicants, ALL_ON, { year: 2026 });
const grouped = detectConflictGroups(experts, applicants, ALL_ON, { year: 2026 });

describe('ConflictIndex', () => {
  it('answers pair by pair from a flat list or from county groups alike', () => {
    for (const source of [detected, grouped]) {
      const index = new ConflictIndex({ detected: source });
      expect(index.reasons('E1', 'A1').map((c) => c.rule).sort()).toEqual(['relative', 'same_county', 'same_unit']);
      expect(index.isConflicted('E2', 'A1')).toBe(true);
      expect(index.reasons('E2', 'A1')).toEqual([{ expertId: 'E2', applicationId: 'A1', rule: 'same_county', explanation: '专家与申报方同属「兰山区」' }]);
      expect(index.isConflicted('E3', 'A1')).toBe(false);
      expect(index.isConflicted('E1', 'A2')).toBe(false);
      expect(index.reasons('E1', 'A2')).toEqual([]);
      expect(index.isConflicted('E9', 'A9')).toBe(false);
    }
  });

  it('a dismissal removes that one rule of that one pair only', () => {
    for (const source of [detected, grouped]) {
      const index = new ConflictIndex({ detected: source, dismissed: [{ expertId: 'E1', applicationId: 'A1', rule: 'same_unit' }] });
      expect(index.reasons('E1', 'A1').map((c) => c.rule).sort()).toEqual(['relative', 'same_county']);
      const county = new ConflictIndex({ detected: source, dismissed: [{ expertId: 'E2', applicationId: 'A1', rule: 'same_county' }] });
      expect(county.isConflicted('E2', 'A1')).toBe(false);
      expect(county.reasons('E1', 'A1').map((c) => c.rule)).toContain('same_county');
    }
    const all = new ConflictIndex({
      detected: grouped,
      dismissed: (['same_unit', 'relative', 'same_county'] as const).map((rule) => ({ expertId: 'E1', applicationId: 'A1', rule })),
    });
    expect(all.isConflicted('E1', 'A1')).toBe(false);
  });

  it('adds declared conflicts, which a dismissal does not remove', () => {
    const index = new ConflictIndex({
      detected,
      declared: [
        { expertId: 'E3', applicationId: 'A2', by: 'expert', reason: '曾为该单位提供有偿咨询' },
        { expertId: 'E3', applicationId: 'A2', by: 'agency', reason: '与该单位负责人系同学' },
      ],
      dismissed: [{ expertId: 'E3', applicationId: 'A2', rule: 'declared' }],
    });
    expect(index.isConflicted('E3', 'A2')).toBe(true);
    expect(index.reasons('E3', 'A2').map((c) => c.explanation)).toEqual(['专家本人申报的利益冲突：曾为该单位提供有偿咨询', '评审机构录入的利益冲突：与该单位负责人系同学']);
  });

  it('keys keep pairs and rules apart', () => {
    expect(conflictKey('E1', 'A1')).not.toBe(conflictKey('E1A', '1'));
    expect(conflictRuleKey('E1', 'A1', 'relative')).not.toBe(conflictRuleKey('E1', 'A1', 'adviser'));
    expect(new Set([conflictKey('E1', 'A1'), conflictKey('E1', 'A1')]).size).toBe(1);
  });
});

describe('conflict rules as profile data', () => {
  it('the Linyi default: every data rule on, three years, no county rule', () => {
    expect(conflictRulesSchema.parse(DEFAULT_CONFLICT_RULES)).toEqual({ sameUnit: true, formerEmployerYears: 3, relatives: true, advisers: true, sameCounty: false });
  });

  it('refuses wrong values with Chinese messages naming the rule', () => {
    const messages = (value: unknown) => {
      const r = conflictRulesSchema.safeParse(value);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(messages({ ...DEFAULT_CONFLICT_RULES, formerEmployerYears: -1 })).toEqual(['formerEmployerYears: 曾任职回避年限应在 0 到 30 年之间（0 表示不适用）']);
    expect(messages({ ...DEFAULT_CONFLICT_RULES, formerEmployerYears: 2.5 })).toEqual(['formerEmployerYears: 曾任职回避年限应为整数']);
    expect(messages({ ...DEFAULT_CONFLICT_RULES, sameCounty: 'yes' })).toEqual(['sameCounty: 同县区回避应为“是”或“否”']);
    expect(messages({ ...DEFAULT_CONFLICT_RULES, formerEmployerYears: 0 })).toEqual([]);
  });
});

describe('experts conflicted with an application', () => {
  it('lists each expert once, from pairs, county groups and declarations, minus dismissals', () => {
    const index = new ConflictIndex({
      detected: grouped,
      declared: [{ expertId: 'E3', applicationId: 'A1', by: 'expert', reason: '曾为该单位提供咨询' }],
      dismissed: [{ expertId: 'E2', applicationId: 'A1', rule: 'same_county' }],
    });
    expect(index.expertsConflictedWith('A1').sort()).toEqual(['E1', 'E3']);
    expect(index.expertsConflictedWith('A2')).toEqual([]);
    expect(new ConflictIndex({ detected: grouped }).expertsConflictedWith('A1').sort()).toEqual(['E1', 'E2']);
  });
});

describe('declarations and dismissals typed in', () => {
  const E = '3f1c2a9e-1b2c-4d5e-8f90-123456789abc';
  const A = '7a6b5c4d-3e2f-4a1b-9c8d-0123456789ab';
  it('need a reason, and only detected rules can be dismissed', () => {
    expect(conflictDeclarationSchema.safeParse({ expertId: E, applicationId: A, reason: ' 曾任该单位顾问 ' }).data?.reason).toBe('曾任该单位顾问');
    expect(conflictDeclarationSchema.safeParse({ expertId: E, applicationId: A, reason: '是' }).error?.issues[0].message).toBe('请填写利益冲突情况（至少 2 个字）');
    expect(conflictDismissalSchema.safeParse({ expertId: E, applicationId: A, rule: 'same_county', reason: '专家已调离该县区' }).success).toBe(true);
    expect(conflictDismissalSchema.safeParse({ expertId: E, applicationId: A, rule: 'declared', reason: '误报' }).error?.issues[0].message).toBe(
      '专家本人或评审机构申报的冲突不能排除，只能由申报方撤回',
    );
    expect(conflictDismissalSchema.safeParse({ expertId: 'E1', applicationId: A, rule: 'same_unit', reason: '误报' }).error?.issues[0].message).toBe('请选择专家');
  });
});
