import { z } from 'zod';
import { isoDateTime } from './common.js';
import { isoDate } from './primitives.js';

/** What anyone may read without logging in: the current call, notices and winners. */
export const publicCall = z.object({
  editionId: z.uuid(),
  editionName: z.string(),
  number: z.number().int(),
  year: z.number().int(),
  callText: z.string(),
  callPublishedAt: isoDateTime.nullable(),
  applicationDeadline: isoDate.nullable(),
});
export type PublicCall = z.infer<typeof publicCall>;

/** A public notice (公示) with its period. */
export const publicNotice = z.object({ id: z.uuid(), title: z.string(), startsOn: isoDate, endsOn: isoDate });
export type PublicNotice = z.infer<typeof publicNotice>;

/** A published award; a revoked one stays listed and must be shown as revoked (已撤销). */
export const publicWinner = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.string().describe('奖项名称，如“市长质量奖”“提名奖”'),
  editionName: z.string(),
  revoked: z.boolean(),
});
export type PublicWinner = z.infer<typeof publicWinner>;

export const publicHome = z.object({
  awardName: z.string(),
  currentCall: publicCall.nullable(),
  notices: z.array(publicNotice),
  winners: z.array(publicWinner),
});
export type PublicHome = z.infer<typeof publicHome>;
