import { z } from 'zod';
import { BALLOT_CHOICES, COMMITTEE_POSITIONS } from '../domain/committee/ballot.js';
import { isoDateTime } from './common.js';
import { isoDate, nonEmptyText } from './primitives.js';

/** The review committee and its plenary with a secret ballot (Art. 9, 16; SPEC §9). */

const id = z.uuid({ message: '编号格式不正确' });
export const committeeParams = z.object({ id, userId: id });
export const sessionParams = z.object({ id, sessionId: id });

export const memberRequest = z.object({ userId: id, position: z.enum(COMMITTEE_POSITIONS, { message: '请选择职务' }) });
export type MemberRequest = z.infer<typeof memberRequest>;
export const constituteRequest = z.object({ documentNumber: z.string().trim().max(100, { message: '不能超过 100 个字符' }).nullish() });
export type ConstituteRequest = z.infer<typeof constituteRequest>;
export const recusalRequest = z.object({ applicationId: id, reason: nonEmptyText(500) });
export const officeRecusalRequest = recusalRequest.extend({ userId: id });
export type OfficeRecusalRequest = z.infer<typeof officeRecusalRequest>;
export const openSessionRequest = z.object({ heldOn: isoDate, presentUserIds: z.array(id).max(200) });
export type OpenSessionRequest = z.infer<typeof openSessionRequest>;
export const closeSessionRequest = z.object({ documentNumber: nonEmptyText(100) });
export type CloseSessionRequest = z.infer<typeof closeSessionRequest>;
export const voidSessionRequest = z.object({ reason: nonEmptyText(500) });
export const ballotRequest = z.object({
  sessionId: id,
  choices: z.array(z.object({ applicationId: id, choice: z.enum(BALLOT_CHOICES, { message: '请选择投票意见' }) })).max(200),
});
export type BallotRequest = z.infer<typeof ballotRequest>;

const votes = z.object({ award: z.number().int(), nomination: z.number().int(), neither: z.number().int() });

export const committeeMember = z.object({ userId: z.string(), name: z.string(), position: z.enum(COMMITTEE_POSITIONS), positionLabel: z.string() });
export const recusal = z.object({ userId: z.string(), memberName: z.string(), applicationId: z.string(), applicationName: z.string(), reason: z.string(), declaredAt: isoDateTime });

/** The result of one candidate at closing, as the minutes print it. */
export const candidateResult = z.object({
  applicationId: z.string(),
  name: z.string(),
  kind: z.enum(['unit', 'individual']),
  entitled: z.number().int(),
  needed: z.number().int(),
  votes,
  cast: z.number().int(),
  outcome: z.enum(['award', 'nomination', 'not_proposed']),
  outcomeLabel: z.string(),
});
export type CandidateResultView = z.infer<typeof candidateResult>;

/** What a session stored at its end (committee_sessions.result): enough for the minutes, never who voted what. */
export const sessionResult = z.object({
  status: z.enum(['closed', 'void']),
  documentNumber: z.string().nullable(),
  voidReason: z.string().nullable(),
  quorumShare: z.number(),
  thresholdShare: z.number(),
  quorum: z.number().int(),
  members: z.array(committeeMember.extend({ present: z.boolean(), voted: z.boolean() })),
  recusals: z.array(recusal),
  candidates: z.array(candidateResult),
  breaches: z.array(z.string()),
});
export type SessionResult = z.infer<typeof sessionResult>;

export const sessionView = z.object({
  id: z.string(),
  heldOn: z.string(),
  presentUserIds: z.array(z.string()),
  candidateCount: z.number().int(),
  openedAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  /** Members present who have cast their sheet (names; never their choices). */
  votedUserIds: z.array(z.string()),
  result: sessionResult.nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const committeeUser = z.object({ userId: z.string(), name: z.string(), username: z.string() });

/** The office's view of an edition's committee. */
export const committeeView = z.object({
  editionId: z.string(),
  editionName: z.string(),
  constitutedAt: isoDateTime.nullable(),
  documentNumber: z.string().nullable(),
  members: z.array(committeeMember),
  /** Accounts holding the committee role, to add. */
  eligibleUsers: z.array(committeeUser),
  quorumShare: z.number(),
  thresholdShare: z.number(),
  secretBallot: z.boolean(),
  recusals: z.array(recusal),
  candidates: z.array(z.object({ applicationId: z.string(), name: z.string(), kind: z.enum(['unit', 'individual']) })),
  sessions: z.array(sessionView),
});
export type CommitteeView = z.infer<typeof committeeView>;

/** The editions a member sits on. */
export const memberEditions = z.object({ items: z.array(z.object({ editionId: z.string(), name: z.string(), year: z.number().int(), position: z.enum(COMMITTEE_POSITIONS), constituted: z.boolean(), sessionOpen: z.boolean() })) });
export type MemberEditions = z.infer<typeof memberEditions>;

/** One line of a member's ballot sheet, with the composite score beside it. */
export const ballotLine = z.object({
  applicationId: z.string(),
  name: z.string(),
  kind: z.enum(['unit', 'individual']),
  composite: z.number().nullable(),
  rank: z.number().int().nullable(),
  material: z.number().nullable(),
  onsiteDefence: z.number().nullable(),
  satisfaction: z.number().nullable(),
  recused: z.boolean(),
});

export const memberSheet = z.object({
  editionId: z.string(),
  editionName: z.string(),
  position: z.enum(COMMITTEE_POSITIONS),
  constituted: z.boolean(),
  /** The candidates (state 'candidate'); recused ones are marked and have no ballot line. */
  candidates: z.array(ballotLine),
  myRecusals: z.array(recusal),
  session: z
    .object({ id: z.string(), heldOn: z.string(), present: z.boolean(), voted: z.boolean(), applicationIds: z.array(z.string()) })
    .nullable(),
});
export type MemberSheet = z.infer<typeof memberSheet>;
