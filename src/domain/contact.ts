/**
 * Contact details typed by people: one rule for the whole system, so an application's
 * contact and an expert's phone are accepted or refused alike.
 */

/** A mainland mobile (11 digits from 1) or a landline with its area code (0xx(x)-xxxxxxx(x)). */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
export const PHONE_MESSAGE = '应为 11 位手机号或带区号的固话';

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX = 200;
export const EMAIL_MESSAGE = '邮箱格式不正确';

export const isPhone = (value: string): boolean => PHONE_PATTERN.test(value);
export const isEmail = (value: string): boolean => EMAIL_PATTERN.test(value) && value.length <= EMAIL_MAX;
