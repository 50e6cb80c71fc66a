import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/date-schema.js';

/**
 * The request and response building blocks every route's contract uses. Pure (zod and the
 * domain only) so the browser imports the very same definitions the server validates with.
 */
/** Every date the API takes: a real YYYY-MM-DD date within 1900–2100 (domain/calendar/dates.ts says why). */
export const isoDate = isoDateSchema;
export const uuidParam = z.object({ id: z.uuid({ message: '编号格式不正确' }) });
export const nonEmptyText = (max: number) => z.string().trim().min(1, { message: '不能为空' }).max(max, { message: `不能超过 ${max} 个字符` });
