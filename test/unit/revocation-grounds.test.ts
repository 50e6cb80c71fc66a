import { describe, expect, it } from 'vitest';
import { revocationGround, supervisionSettings, supervisionSettingsSchema } from '../../src/domain/profile/supervision-settings.js';
import { loadProfile } from './support/profiles.js';

const linyi = loadProfile('linyi-2017');
const ITEMS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一'];

describe('revocation grounds as profile data', () => {
  it('a winning unit can lose the award on the eleven grounds of 第二十八条, numbered (一) to (十一) [Art.28]', () => {
    const unit = supervisionSettings(linyi).revocationGrounds.unit;
    expect(unit.map((g) => g.code)).toEqual(ITEMS.map((_, i) => `unit_${i + 1}`));
    expect(unit.map((g) => g.article)).toEqual(ITEMS.map((n) => `第二十八条（${n}）`));
    expect(unit[0].label).toBe('弄虚作假，采取不正当手段骗取市长质量奖荣誉的');
    expect(unit[5].label).toBe('拒绝履行本办法第六章规定的责任的');
  });

  it('a winning individual on the nine grounds of 第二十九条, numbered (一) to (九) [Art.29]', () => {
    const individual = supervisionSettings(linyi).revocationGrounds.individual;
    expect(individual.map((g) => g.article)).toEqual(ITEMS.slice(0, 9).map((n) => `第二十九条（${n}）`));
    expect(individual[1].label).toBe('违反政治纪律、廉政规定的');
    expect(individual[6].label).toBe('拒绝履行本办法第六章规定的责任的');
  });

  it('looks a ground up for the winner’s kind only: an individual’s ground never revokes a unit [Art.28][Art.29]', () => {
    expect(revocationGround(linyi, 'unit', 'individual_2')).toBeUndefined();
    expect(revocationGround(linyi, 'individual', 'unit_11')).toBeUndefined();
    expect(revocationGround(linyi, 'unit', 'unit_11')?.article).toBe('第二十八条（十一）');
    expect(revocationGround(linyi, 'individual', 'individual_9')?.label).toBe('发生其他违反法律法规行为的');
  });

  it('a profile’s own lists replace the Measures’ lists, with unique codes per kind', () => {
    const own = { revocationGrounds: { unit: [{ code: 'fraud', article: '第二十条（一）', label: '弄虚作假的' }], individual: [{ code: 'fraud', article: '第二十一条（一）', label: '弄虚作假的' }] } };
    const profile = { ...linyi, supervision: supervisionSettingsSchema.parse(own) };
    expect(revocationGround(profile, 'unit', 'unit_1')).toBeUndefined();
    expect(revocationGround(profile, 'individual', 'fraud')?.article).toBe('第二十一条（一）');
    const twice = { revocationGrounds: { ...own.revocationGrounds, unit: [own.revocationGrounds.unit[0], own.revocationGrounds.unit[0]] } };
    expect(supervisionSettingsSchema.safeParse(twice).success).toBe(false);
  });
});
