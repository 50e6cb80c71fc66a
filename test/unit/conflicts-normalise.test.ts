import { describe, expect, it } from 'vitest';
import { normaliseUnitName, sameUnitName } from '../../src/domain/experts/expert.js';

describe('unit names are compared after normalisation', () => {
  it('drops the legal form: 有限公司, 有限责任公司 and 股份有限公司 name one company', () => {
    expect(normaliseUnitName('临沂华信有限公司')).toBe('临沂华信');
    expect(sameUnitName('临沂华信有限公司', '临沂华信有限责任公司')).toBe(true);
    expect(sameUnitName('临沂华信股份有限公司', '临沂华信公司')).toBe(true);
    expect(sameUnitName('临沂华信有限公司', '临沂华信股份公司')).toBe(true);
  });

  it('folds full-width characters, spaces and brackets of every kind, keeping the words inside', () => {
    expect(sameUnitName('临沂ＡＢＣ电子有限公司', '临沂abc电子有限公司')).toBe(true);
    expect(sameUnitName(' 临沂 华信 有限公司　', '临沂华信有限公司')).toBe(true);
    expect(sameUnitName('临沂华信（集团）有限公司', '临沂华信集团有限公司')).toBe(true);
    expect(sameUnitName('临沂华信【集团】有限公司', '临沂华信(集团)有限公司')).toBe(true);
    expect(sameUnitName('山东临工·工程机械有限公司', '山东临工工程机械有限公司')).toBe(true);
  });

  it('keeps different units apart: a group and its member, a branch, another place prefix, another name', () => {
    expect(sameUnitName('临沂华信集团有限公司', '临沂华信有限公司')).toBe(false);
    expect(sameUnitName('临沂华信有限公司兰山分公司', '临沂华信有限公司')).toBe(false);
    expect(sameUnitName('临沂市华信有限公司', '临沂华信有限公司')).toBe(false);
    expect(sameUnitName('临沂华信有限公司', '临沂华新有限公司')).toBe(false);
    // Only a trailing legal form is dropped: 公司 inside a name is part of it.
    expect(normaliseUnitName('临沂公司化工厂')).toBe('临沂公司化工厂');
  });

  it('a blank name matches nothing, and a bare legal form stays itself', () => {
    expect(sameUnitName('', '')).toBe(false);
    expect(sameUnitName('  ', '（）')).toBe(false);
    expect(normaliseUnitName('有限公司')).toBe('有限公司');
  });
});
