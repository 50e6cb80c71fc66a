import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateCreditCode, validateIdNumber } from '../../src/domain/identity/index.js';

// Independent oracles written from the standards, not from the module under test.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function usccCheck(s17: string): string {
  const sum = [...s17].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * USCC_W[i], 0);
  const c = 31 - (sum % 31);
  return USCC_CHARS[c === 31 ? 0 : c];
}
const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idCheck(s17: string): string {
  const sum = [...s17].reduce((acc, ch, i) => acc + Number(ch) * ID_W[i], 0);
  return ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][sum % 11];
}
const TODAY = { today: '2026-11-29' };

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110000600037341L'])('accepts the public sample %s', (code) => {
    expect(usccCheck(code.slice(0, 17))).toBe(code[17]);
    expect(validateCreditCode(code)).toEqual({ ok: true });
  });

  it('accepts codes built from the algorithm', () => {
    const body = fc.array(fc.constantFrom(...USCC_CHARS), { minLength: 9, maxLength: 9 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.constantFrom('91', '92', '93', '12', '52', 'Y1', 'N2'), fc.stringMatching(/^[1-6]\d{5}$/), body, (head, region, org) => {
        const s17 = head + region + org;
        expect(validateCreditCode(s17 + usccCheck(s17))).toEqual({ ok: true });
      }),
    );
  });

  it('says which check character is expected', () => {
    const r = validateCreditCode('91350100M000100Y44');
    expect(r).toMatchObject({ ok: false, code: 'checkCharacter' });
    expect(!r.ok && r.message).toContain('第18位应为“3”');
  });

  it.each([
    ['', 'empty', '不能为空'],
    ['91350100M000100Y4', 'length', '应为18位，实际为17位'],
    ['91350100M000100Y433', 'length', '实际为19位'],
    ['91350100I000100Y43', 'illegalCharacter', '第9位字符“I”'],
    ['91350100M00O100Y43', 'illegalCharacter', '第12位字符“O”'],
    ['91350100m000100Y43', 'illegalCharacter', '字母应为大写'],
    ['01350100M000100Y4X', 'registrationAuthority', '第1位'],
    ['90350100M000100Y43', 'organisationKind', '第2位'],
    ['913501A0M000100Y43', 'regionCode', '第3–8位'],
    ['91000000M000100Y43', 'regionCode', '第3–8位'],
  ])('refuses %j: %s', (code, errorCode, fragment) => {
    const r = validateCreditCode(code);
    expect(r).toMatchObject({ ok: false, code: errorCode });
    expect(!r.ok && r.message).toContain(fragment);
  });

  it('any single changed character of a valid code is refused', () => {
    const valid = '91350100M000100Y43';
    fc.assert(
      fc.property(fc.nat(17), fc.constantFrom(...USCC_CHARS), (pos, ch) => {
        fc.pre(valid[pos] !== ch);
        const changed = valid.slice(0, pos) + ch + valid.slice(pos + 1);
        expect(validateCreditCode(changed).ok).toBe(false);
      }),
    );
  });
});

describe('resident ID number (GB 11643-1999)', () => {
  it('accepts the public sample 11010519491231002X', () => {
    expect(idCheck('11010519491231002')).toBe('X');
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true });
  });

  it('accepts numbers built from the algorithm (real past birth dates)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('371302', '110105', '440305', '650102'),
        fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2026-11-28T00:00:00Z'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
        (region, birth, seq) => {
          const s17 = region + birth.toISOString().slice(0, 10).replace(/-/g, '') + seq;
          expect(validateIdNumber(s17 + idCheck(s17), TODAY)).toEqual({ ok: true });
        },
      ),
    );
  });

  it('says which check digit is expected', () => {
    const r = validateIdNumber('110105194912310021', TODAY);
    expect(r).toMatchObject({ ok: false, code: 'checkCharacter' });
    expect(!r.ok && r.message).toContain('第18位应为“X”');
  });

  const withCheck = (s17: string) => s17 + idCheck(s17);
  it.each([
    ['', 'empty', '不能为空'],
    ['110105491231002', 'length', '15位旧号码'],
    ['1101051949123100', 'length', '实际为16位'],
    ['11010519491231A02X', 'illegalCharacter', '第15位字符“A”'],
    ['11010519491231002x', 'illegalCharacter', '大写 X'],
    ['11010519491231002Y', 'illegalCharacter', '第18位'],
    [withCheck('99010519491231002'), 'regionCode', '省级行政区划代码'],
    [withCheck('11010519490230002'), 'birthDate', '不是有效日期'],
    [withCheck('11010518991231002'), 'birthDate', '不是有效日期'],
    [withCheck('11010520301231002'), 'birthDate', '晚于今天'],
    [withCheck('11010520261130002'), 'birthDate', '晚于今天'],
  ])('refuses %j: %s', (id, errorCode, fragment) => {
    const r = validateIdNumber(id, TODAY);
    expect(r).toMatchObject({ ok: false, code: errorCode });
    expect(!r.ok && r.message).toContain(fragment);
  });

  it('accepts a person born today', () => {
    expect(validateIdNumber(withCheck('11010520261129002'), TODAY)).toEqual({ ok: true });
  });
});
