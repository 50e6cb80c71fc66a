export { type IdentityCheck, type IdentityErrorCode } from './types.js';
export {
  CREDIT_CODE_CHARSET,
  CREDIT_CODE_WEIGHTS,
  creditCodeCheckChar,
  normaliseCreditCode,
  validateCreditCode,
} from './credit-code.js';
export {
  ID_NUMBER_WEIGHTS,
  idNumberCheckDigit,
  normaliseIdNumber,
  validateIdNumber,
  birthDateOf,
  type IdNumberOptions,
} from './id-number.js';
