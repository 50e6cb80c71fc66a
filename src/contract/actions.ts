import { z } from 'zod';
import { buildLifecycle } from '../domain/lifecycle/table.js';
import { PAYLOAD_NAMES, TRANSITION_ACTIONS, type PayloadName } from '../domain/lifecycle/types.js';
import { DECISION_KIND_NAMES } from '../domain/lifecycle/decisions.js';
import { APPLICATION_STATES } from '../domain/lifecycle/states.js';
import { decision } from './errors.js';
import { isoDate, nonEmptyText } from './primitives.js';

/** What each step records beyond its reason: validated by the engine, rendered as a form by the web. */
export const ACTION_PAYLOADS = {
  countyOpinion: z.object({ opinion: nonEmptyText(2000), signer: nonEmptyText(50), signedOn: isoDate }),
  correction: z.object({ correctionDueOn: isoDate.nullish() }),
} as const satisfies Record<PayloadName, z.ZodType>;
export type ActionPayloads = { [K in PayloadName]: z.infer<(typeof ACTION_PAYLOADS)[K]> };

/** Which payload each action records: the same in every profile's table (stages only add states). */
const PAYLOAD_OF_ACTION = new Map(buildLifecycle({ code: 'contract', technicalStages: ['material', 'onsite', 'defence'] }).transitions.filter((t) => t.payload).map((t) => [t.action, t.payload!]));

/** The field errors of an action's payload (`payload.<field>`), checked at the edge before anything else. */
export function payloadProblems(action: string, payload: unknown): Array<{ field: string; message: string }> {
  const name = PAYLOAD_OF_ACTION.get(action as never);
  if (!name) return [];
  const parsed = ACTION_PAYLOADS[name].safeParse(payload ?? {});
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ field: ['payload', ...i.path].join('.'), message: i.message }));
}

export const actionName = z.enum(TRANSITION_ACTIONS);

/** The body of `POST /api/applications/:id/actions/:action`. */
export const actionRequest = z.object({
  reason: z.string().trim().max(2000, { message: '不能超过 2000 个字符' }).nullish(),
  payload: z.record(z.string(), z.unknown()).nullish(),
});
export type ActionRequest = z.infer<typeof actionRequest>;


/** One step the caller could take now, with the engine's dry-run verdict and its reason. */
export const availableAction = decision.extend({
  action: actionName,
  label: z.string(),
  to: z.string(),
  toLabel: z.string(),
  reasonRequired: z.boolean(),
  payload: z.enum(PAYLOAD_NAMES).nullable(),
});
export type AvailableAction = z.infer<typeof availableAction>;

/** A decision over a list: who decided (the caller's body), the document, an outcome per application. */
export const decisionRequest = z.object({
  kind: z.enum(DECISION_KIND_NAMES as [string, ...string[]]),
  documentNumber: z.string().trim().max(100).nullish(),
  decidedOn: isoDate,
  note: z.string().trim().max(2000).nullish(),
  items: z
    .array(
      z.object({
        applicationId: z.uuid(),
        outcome: z.string().max(40),
        /** The list's category, where the outcome places the application on a list (committee, leadership). */
        category: z.enum(['award', 'nomination']).nullish(),
        reason: z.string().trim().max(2000).nullish(),
        /**
         * The state the decider saw the application in. A decision sent twice (a double click, a
         * retry) or decided on a stale page must not act on the state the first one left: an
         * application that has moved since is refused with state_conflict instead.
         */
        expectedState: z.enum(APPLICATION_STATES).nullish(),
      }),
    )
    .min(1, { message: '至少包含一项申报' })
    .max(500),
});
export type DecisionRequest = z.infer<typeof decisionRequest>;

/** A recorded decision as the API returns it. */
export const decisionRecord = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  documentNumber: z.string().nullable(),
  decidedOn: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  createdAt: z.string(),
  items: z.array(z.object({ applicationId: z.string(), applicationName: z.string(), outcome: z.string(), outcomeLabel: z.string(), category: z.string().nullable(), reason: z.string().nullable() })),
});
export type DecisionRecord = z.infer<typeof decisionRecord>;
export const decisionList = z.object({ items: z.array(decisionRecord) });
