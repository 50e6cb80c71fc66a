import { EDITION_PHASES } from '../domain/lifecycle/states.js';
import { z } from 'zod';
import { decision } from './errors.js';
import type { Schedule } from '../domain/edition-schedule.js';
import type { EditionStatus } from '../domain/policies/editions.js';
import { isoDateTime, listOf } from './common.js';
import { isoDate, nonEmptyText } from './primitives.js';

/** Editions (届次): create, schedule, publish the call, close. */
export const editionCreateBody = z.object({
  profileId: z.uuid({ message: '请选择规则版本' }),
  number: z.number().int().min(1).max(999),
  year: z.number().int().min(2000).max(2100),
  name: nonEmptyText(100),
  opensOn: isoDate,
});

// Keys follow the domain's SCHEDULE_MILESTONES; the `satisfies` below keeps them in step.
export const editionSchedule = z.object({
  applicationDeadline: isoDate,
  recommendationDeadline: isoDate.nullish(),
  acceptanceDeadline: isoDate.nullish(),
  qualificationDeadline: isoDate.nullish(),
  technicalReviewDeadline: isoDate.nullish(),
  surveyDeadline: isoDate.nullish(),
  committeeMeetingOn: isoDate.nullish(),
}) satisfies z.ZodType<Schedule>;
export type EditionSchedule = z.infer<typeof editionSchedule>;

export const publishCallBody = z.object({ callText: nonEmptyText(20_000) });

// Every domain status, no more, no less (the Record type makes the compiler check both ways).
export const editionStatus = z.enum({ draft: 'draft', open: 'open', closed: 'closed' } as const satisfies Record<EditionStatus, EditionStatus>);

export const edition = z.object({
  id: z.uuid(),
  profileId: z.uuid(),
  profileName: z.string(),
  number: z.number().int(),
  year: z.number().int(),
  name: z.string(),
  status: editionStatus,
  opensOn: isoDate,
  schedule: editionSchedule.nullable(),
  callText: z.string().nullable(),
  callPublishedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  abilities: z.object({ update: z.boolean(), setSchedule: z.boolean(), publishCall: z.boolean(), close: z.boolean() }),
  /** The procedure's phase (SPEC §4) and the step to the next one, with the reason when it is not possible yet. */
  phase: z.enum(EDITION_PHASES),
  phases: z.array(z.object({ phase: z.enum(EDITION_PHASES), label: z.string(), article: z.string() })),
  nextPhase: decision.extend({ phase: z.enum(EDITION_PHASES), label: z.string() }).nullable(),
});
export type Edition = z.infer<typeof edition>;
export type { EditionStatus };
export const editionList = listOf(edition);
export type EditionList = z.infer<typeof editionList>;
