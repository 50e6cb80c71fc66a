import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/dates.js';

/**
 * The request and response building blocks every route's contract uses. Pure (zod and the
 * domain only) so the browser imports the very same definitions the server validates with.
 */
export const isoDate = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD 且为真实日期' });
export const uuidParam = z.object({ id: z.uuid({ message: '编号格式不正确' }) });
export const nonEmptyText = (max: number) => z.string().trim().min(1, { message: '不能为空' }).max(max, { message: `不能超过 ${max} 个字符` });
