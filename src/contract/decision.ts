import { z } from 'zod';

/** One candidate's composite score with every part visible (percent of each scale), ranked per kind. */
export const compositeRow = z.object({
  applicationId: z.string(),
  name: z.string(),
  kind: z.enum(['unit', 'individual']),
  state: z.string(),
  stateLabel: z.string(),
  material: z.number().nullable(),
  onsite: z.number().nullable(),
  defence: z.number().nullable(),
  onsiteDefence: z.number().nullable(),
  satisfaction: z.number().nullable(),
  composite: z.number().nullable(),
  /** What is still missing for a composite, in Chinese. */
  missing: z.array(z.string()),
  /** The composite with Art. 11's bonus, where the profile gives one. */
  adjusted: z.number().nullable(),
  rank: z.number().int().nullable(),
  rankWithoutPreference: z.number().int().nullable(),
  changedByPreference: z.boolean(),
  preference: z.string().nullable(),
  /** The category the committee proposed, and the one the leadership approved (latest decisions). */
  proposedCategory: z.enum(['award', 'nomination']).nullable(),
  approvedCategory: z.enum(['award', 'nomination']).nullable(),
});
export type CompositeRow = z.infer<typeof compositeRow>;

export const compositeTable = z.object({
  weights: z.object({ material: z.number(), onsiteDefence: z.number(), satisfaction: z.number() }),
  preferenceMode: z.enum(['none', 'tiebreak', 'bonus']),
  candidateLimit: z.object({ unit: z.number().int(), individual: z.number().int() }),
  rows: z.array(compositeRow),
});
export type CompositeTable = z.infer<typeof compositeTable>;

export const publishResult = z.object({ awarded: z.number().int(), nominated: z.number().int(), publishedAt: z.string() });
