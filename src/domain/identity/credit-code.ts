import { fail, show, type IdentityCheck } from './types.js';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 *   pos 1     registration authority (登记管理部门代码)
 *   pos 2     organisation kind (机构类别代码)
 *   pos 3–8   administrative region code (登记管理机关行政区划码), digits
 *   pos 9–17  organisation code (主体标识码)
 *   pos 18    check character
 *
 * Characters come from the 31-symbol set 0-9 A-H J-N P-R T-U W-Y (no I O S V Z).
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authorities of GB 32100-2015 and later assignments: 1 机构编制, 2 外交,
 * 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管（工商）, A 中央军委改革和编制办公室,
 * N 农业, Y 其他. Checked loosely: the set of first characters, not each authority's kinds.
 */
const AUTHORITIES = '123456789ANY';

/** Kinds are 1–9 under every authority (e.g. 91 企业, 92 个体工商户, 93 农民专业合作社). */
const KINDS = '123456789';

/** The check character for the first 17 characters (which must be in the charset). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * CREDIT_CODE_WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Trims and upper-cases user input; validation itself is strict. */
export function normaliseCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

export function validateCreditCode(code: string): IdentityCheck {
  if (code.length === 0) return fail('empty', '统一社会信用代码不能为空');
  const chars = [...code];
  if (chars.length !== 18) {
    return fail('length', `统一社会信用代码应为18位，实际为${chars.length}位`);
  }
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(chars[i])) {
      const hint = /[a-z]/.test(chars[i]) ? '（字母应为大写）' : '（只能是数字或除 I、O、S、V、Z 以外的大写字母）';
      return fail('illegalCharacter', `统一社会信用代码第${i + 1}位字符“${show(chars[i])}”不合法${hint}`);
    }
  }
  if (!AUTHORITIES.includes(code[0])) {
    return fail('registrationAuthority', `统一社会信用代码第1位（登记管理部门代码）“${code[0]}”不存在，应为 1–9、A、N 或 Y`);
  }
  if (!KINDS.includes(code[1])) {
    return fail('organisationKind', `统一社会信用代码第2位（机构类别代码）“${code[1]}”不合法，应为数字 1–9`);
  }
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region) || region.startsWith('00')) {
    return fail('regionCode', `统一社会信用代码第3–8位（登记管理机关行政区划码）“${region}”不合法，应为6位行政区划数字代码`);
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return fail('checkCharacter', `统一社会信用代码校验码错误：第18位应为“${expected}”，实际为“${code[17]}”，请核对前17位是否录入有误`);
  }
  return { ok: true };
}
