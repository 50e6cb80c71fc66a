export {
  validateList,
  type ListCategory,
  type ListEntry,
  type EditionQuotas,
  type QuotaBreach,
  type DuplicateEntry,
  type ListValidation,
} from './validate-list.js';
