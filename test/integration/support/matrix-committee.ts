import { eq } from 'drizzle-orm';
import { applications, committeeMembers, committees, committeeSessions, users } from '../../../src/db/schema/index.js';
import type { SessionResult } from '../../../src/contract/committee.js';
import type { TestApp } from './app.js';
import { creditCode } from './intake.js';

type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome) => unknown;
interface Fx {
  t: TestApp;
  editionId: string;
  ownerId: string;
  ownerOrganisationId: string;
  lanshan: string;
  officeUserId: string;
  unitForm: Record<string, unknown>;
  usernames: Map<string, string>;
  serial(): number;
  edition(values: { status: 'draft' | 'open' }): Promise<string>;
}

interface Setup {
  editionId: string;
  memberIds: string[];
  candidateId: string;
  sessionId: string | null;
}

/**
 * A fresh edition with a committee of three (the committee caller its chair, so its member
 * routes answer it), one candidate, and a session open or ended as asked: every case acts on
 * its own, so one case's session never refuses another's.
 */
async function committeeEdition(fx: Fx, options: { constituted?: boolean; session?: 'open' | 'ended' } = {}): Promise<Setup> {
  const db = fx.t.database.db;
  const editionId = await fx.edition({ status: 'open' });
  const [caller] = await db.select().from(users).where(eq(users.username, fx.usernames.get('committee')!));
  const others = [];
  for (let i = 0; i < 2; i++) {
    const [u] = await db.insert(users).values({ username: `mc_${fx.serial()}`, displayName: '矩阵委员', passwordHash: 'x', roles: ['committee'] }).returning();
    others.push(u.id);
  }
  const memberIds = [caller.id, ...others];
  await db.insert(committees).values({ editionId, constitutedAt: options.constituted === false ? null : new Date() });
  await db.insert(committeeMembers).values(memberIds.map((userId, i) => ({ editionId, userId, position: i === 0 ? 'chair' : 'member' })));
  const n = fx.serial();
  const [app] = await db
    .insert(applications)
    .values({ editionId, kind: 'unit', applicantUserId: fx.ownerId, applicantOrganisationId: fx.ownerOrganisationId, countyId: fx.lanshan, identityCode: creditCode(3000 + n), name: `委员会矩阵申报${n}`, state: 'candidate', form: { ...fx.unitForm, name: `委员会矩阵申报${n}` }, submittedAt: new Date() })
    .returning();
  let sessionId: string | null = null;
  if (options.session) {
    const result: SessionResult = {
      status: 'void',
      documentNumber: null,
      voidReason: '矩阵',
      quorumShare: 2 / 3,
      thresholdShare: 1 / 2,
      quorum: 2,
      members: memberIds.map((userId, i) => ({ userId, name: '矩阵委员', position: i === 0 ? 'chair' : 'member', positionLabel: i === 0 ? '主任' : '委员', present: true, voted: false })),
      recusals: [],
      candidates: [{ applicationId: app.id, name: app.name, kind: 'unit', entitled: 3, needed: 2, votes: { award: 0, nomination: 0, neither: 0 }, cast: 0, outcome: 'not_proposed', outcomeLabel: '未列入建议名单' }],
      breaches: [],
    };
    const ended = options.session === 'ended';
    const [s] = await db
      .insert(committeeSessions)
      .values({ editionId, heldOn: '2026-11-30', presentUserIds: memberIds, applicationIds: [app.id], openedBy: fx.officeUserId, closedAt: ended ? new Date() : null, result: ended ? result : null })
      .returning();
    sessionId = s.id;
  }
  return { editionId, memberIds, candidateId: app.id, sessionId };
}

/** The committee's rows of the authorization matrix (src/http/routes/committee.ts). */
export function committeeMatrix(only: Only) {
  const office = only(['office'] as never[], 'ok', 'forbidden');
  const member = only(['committee'] as never[], 'ok', 'forbidden');
  const base = (id: string) => `/api/decision/editions/${id}/committee`;
  return {
    'GET /api/decision/editions/:id/committee': { expect: office, request: async (fx: Fx) => ({ url: base(fx.editionId) }) },
    'POST /api/decision/editions/:id/committee/members': {
      expect: office,
      request: async (fx: Fx) => {
        const s = await committeeEdition(fx, { constituted: false });
        const [u] = await fx.t.database.db.insert(users).values({ username: `mc_${fx.serial()}`, displayName: '新委员', passwordHash: 'x', roles: ['committee'] }).returning();
        return { url: `${base(s.editionId)}/members`, body: { userId: u.id, position: 'vice_chair' } };
      },
    },
    'DELETE /api/decision/editions/:id/committee/members/:userId': {
      expect: office,
      request: async (fx: Fx) => {
        const s = await committeeEdition(fx, { constituted: false });
        return { url: `${base(s.editionId)}/members/${s.memberIds[2]}` };
      },
    },
    'POST /api/decision/editions/:id/committee/constitute': {
      expect: office,
      request: async (fx: Fx) => ({ url: `${base((await committeeEdition(fx, { constituted: false })).editionId)}/constitute`, body: { documentNumber: '临质强〔2026〕1号' } }),
    },
    'POST /api/decision/editions/:id/committee/recusals': {
      expect: office,
      request: async (fx: Fx) => {
        const s = await committeeEdition(fx);
        return { url: `${base(s.editionId)}/recusals`, body: { userId: s.memberIds[1], applicationId: s.candidateId, reason: '曾任该单位顾问' } };
      },
    },
    'POST /api/decision/editions/:id/committee/sessions': {
      expect: office,
      request: async (fx: Fx) => {
        const s = await committeeEdition(fx);
        return { url: `${base(s.editionId)}/sessions`, body: { heldOn: '2026-11-30', presentUserIds: s.memberIds } };
      },
    },
    'POST /api/decision/editions/:id/committee/sessions/:sessionId/close': {
      expect: office,
      request: async (fx: Fx) => {
        const s = await committeeEdition(fx, { session: 'open' });
        return { url: `${base(s.editionId)}/sessions/${s.sessionId}/close`, body: { documentNumber: '临质奖评〔2026〕1号' } };
      },
    },
    'POST /api/decision/editions/:id/committee/sessions/:sessionId/void': {
      expect: office,
      request: async (fx: Fx) => {
        const s = await committeeEdition(fx, { session: 'open' });
        return { url: `${base(s.editionId)}/sessions/${s.sessionId}/void`, body: { reason: '超出名额，重新表决' } };
      },
    },
    'GET /api/decision/editions/:id/committee/sessions/:sessionId/minutes.pdf': {
      expect: only(['office', 'committee'] as never[], 'ok', 'forbidden'),
      request: async (fx: Fx) => {
        const s = await committeeEdition(fx, { session: 'ended' });
        return { url: `${base(s.editionId)}/sessions/${s.sessionId}/minutes.pdf` };
      },
    },
    'GET /api/committee/editions': { expect: member, request: async () => ({ url: '/api/committee/editions' }) },
    'GET /api/committee/editions/:id': { expect: member, request: async (fx: Fx) => ({ url: `/api/committee/editions/${(await committeeEdition(fx)).editionId}` }) },
    'POST /api/committee/editions/:id/recusals': {
      expect: member,
      request: async (fx: Fx) => {
        const s = await committeeEdition(fx);
        return { url: `/api/committee/editions/${s.editionId}/recusals`, body: { applicationId: s.candidateId, reason: '曾在该单位任职' } };
      },
    },
    'POST /api/committee/editions/:id/ballot': {
      expect: member,
      request: async (fx: Fx) => {
        const s = await committeeEdition(fx, { session: 'open' });
        return { url: `/api/committee/editions/${s.editionId}/ballot`, body: { sessionId: s.sessionId, choices: [{ applicationId: s.candidateId, choice: 'award' }] } };
      },
    },
  };
}
