import { isIsoDate, type IsoDate } from '../calendar/dates.js';
import { fail, show, type IdentityCheck } from './types.js';

/**
 * Resident identity card number (公民身份号码), GB 11643-1999:
 *   pos 1–6 address code, 7–14 birth date YYYYMMDD, 15–17 sequence (odd = male),
 *   pos 18 check digit 0–9 or X (ISO 7064 MOD 11-2).
 */
export const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_DIGITS = '10X98765432';

/** Province-level codes of GB/T 2260 (first two digits of the address code). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

export function idNumberCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_NUMBER_WEIGHTS[i];
  return CHECK_DIGITS[sum % 11];
}

/** Trims and upper-cases a trailing x. */
export function normaliseIdNumber(input: string): string {
  return input.trim().toUpperCase();
}

export interface IdNumberOptions {
  /** Today in Asia/Shanghai (YYYY-MM-DD); a birth date after it is refused. */
  today: IsoDate;
}

export function validateIdNumber(id: string, options: IdNumberOptions): IdentityCheck {
  if (id.length === 0) return fail('empty', '身份证号码不能为空');
  const chars = [...id];
  if (chars.length !== 18) {
    const old = chars.length === 15 ? '（15位旧号码已停止使用，请填写18位号码）' : '';
    return fail('length', `身份证号码应为18位，实际为${chars.length}位${old}`);
  }
  for (let i = 0; i < 17; i++) {
    if (!/^\d$/.test(chars[i])) {
      return fail('illegalCharacter', `身份证号码第${i + 1}位字符“${show(chars[i])}”不合法，前17位只能是数字`);
    }
  }
  if (!/^[\dX]$/.test(chars[17])) {
    const hint = chars[17] === 'x' ? '（请使用大写 X）' : '';
    return fail('illegalCharacter', `身份证号码第18位字符“${show(chars[17])}”不合法，应为数字或 X${hint}`);
  }
  if (!PROVINCES.has(id.slice(0, 2))) {
    return fail('regionCode', `身份证号码第1–6位（地址码）“${id.slice(0, 6)}”不合法：前两位“${id.slice(0, 2)}”不是省级行政区划代码`);
  }
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth) || birth < '1900-01-01') {
    return fail('birthDate', `身份证号码第7–14位（出生日期）“${id.slice(6, 14)}”不是有效日期`);
  }
  if (birth > options.today) {
    return fail('birthDate', `身份证号码第7–14位（出生日期）“${id.slice(6, 14)}”晚于今天，不可能是真实出生日期`);
  }
  const expected = idNumberCheckDigit(id.slice(0, 17));
  if (chars[17] !== expected) {
    return fail('checkCharacter', `身份证号码校验码错误：第18位应为“${expected}”，实际为“${chars[17]}”，请核对号码是否录入有误`);
  }
  return { ok: true };
}

/** Birth date of a valid ID number, YYYY-MM-DD. */
export function birthDateOf(id: string): IsoDate {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
