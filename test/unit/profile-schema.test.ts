import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleProfileSchema } from '../../src/domain/profile/schema.js';

// The bundled profiles and the examples (resources/profiles/examples/, entered by `demo load --profile`).
const shipped = [
  ...fs.readdirSync('resources/profiles').filter((f) => f.endsWith('.json')),
  ...fs.readdirSync('resources/profiles/examples').filter((f) => f.endsWith('.json')).map((f) => `examples/${f}`),
];
const load = (file: string) => JSON.parse(fs.readFileSync(`resources/profiles/${file}`, 'utf8'));
const problems = (profile: unknown) => {
  const r = ruleProfileSchema.safeParse(profile);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('rule profile schema', () => {
  it.each(shipped)('accepts the shipped profile %s', (file) => {
    expect(problems(load(file))).toEqual([]);
  });

  it('wants each stage weight within [0, 1], summing to 1', () => {
    const p = load('linyi-2017.json');
    p.stageWeights = { material: 1.5, onsiteDefence: -0.5, satisfaction: 0 };
    expect(problems(p)).toEqual(['stageWeights.material', 'stageWeights.onsiteDefence']);
    p.stageWeights = { material: 0.1 + 0.2, onsiteDefence: 0.5, satisfaction: 0.2 };
    expect(problems(p)).toEqual([]);
    p.stageWeights = { material: 0.3, onsiteDefence: 0.5, satisfaction: 0.3 };
    expect(problems(p)).toEqual(['stageWeights']);
  });

  it('wants unique department and prize codes, non-empty labels and sane text lengths', () => {
    const p = load('linyi-2017.json');
    p.departments.push({ code: p.departments[0].code, name: '另一个局' });
    p.prizeTypes.push({ code: p.prizeTypes[0].code, label: '奖', category: 'award' });
    p.prizeTypes[1].label = '';
    p.preference.categories[0].label = ' ';
    p.name = 'x'.repeat(1000);
    p.texts.callTemplate = 'x'.repeat(1_000_000);
    expect(problems(p).sort()).toEqual(
      [`departments.${p.departments.length - 1}.code`, `prizeTypes.${p.prizeTypes.length - 1}.code`, 'prizeTypes.1.label', 'preference.categories.0.label', 'name', 'texts.callTemplate'].sort(),
    );
  });
});
