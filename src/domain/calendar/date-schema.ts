import { z } from 'zod';
import { EARLIEST_DATE, isDateInRange, LATEST_DATE } from './dates.js';

/**
 * The one date type of the API (re-exported as `isoDate` by contract/primitives.ts). It lives
 * here so the rule-profile schema, which is domain, uses the very same definition.
 */
export const isoDateSchema = z.string().refine(isDateInRange, { message: `应为 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间真实存在的日期（YYYY-MM-DD）` });
