import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { applications, decisionItems, decisions, experts, organisations, panelAssignments, supervisionCases } from '../../../src/db/schema/index.js';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import { recordWinner } from '../../../src/services/awards/winners.js';
import { inTransaction } from '../../../src/services/context.js';
import { uploadCaseFile } from '../../../src/services/supervision/cases-open.js';
import { loadEdition } from '../../../src/services/technical/actors.js';
import type { TestApp } from './app.js';
import { pdfBytes } from './files-fixtures.js';

/**
 * The supervision cases' rows of the authorization matrix (Art. 24–29). Each request makes its
 * own case in the status its step needs. The bodies of the procedure and the audit
 * administrator read cases; each step is one role's; whoever may not read learns nothing (404).
 */
type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome, anonymous?: Outcome) => unknown;
type Rule = (otherwise: Outcome, named: Record<string, Outcome>, anonymous?: Outcome) => unknown;

interface Fx {
  t: TestApp;
  editionId: string;
  officeUserId: string;
  serial(): number;
  app(values: { state: ApplicationState }): Promise<string>;
}

type CaseValues = Partial<typeof supervisionCases.$inferInsert>;

async function caseOf(fx: Fx, values: CaseValues) {
  const db = fx.t.database.db;
  const [row] = await db
    .insert(supervisionCases)
    .values({ editionId: fx.editionId, reference: `JD-MX-${fx.serial()}`, kind: 'staff', staffName: '矩阵人员', staffUnit: '矩阵单位', facts: '矩阵事实', reportedBy: fx.officeUserId, ...values })
    .returning();
  const watch = async () => (await db.select().from(supervisionCases).where(eq(supervisionCases.id, row.id)))[0];
  return { id: row.id, watch };
}

const officeCtx = (fx: Fx) => fx.t.ctxFor({ userId: fx.officeUserId, roles: ['office'], organisationId: null });
const officeUpload = async (fx: Fx) => (await uploadCaseFile(officeCtx(fx), { filename: '矩阵证据.pdf', stream: Readable.from([pdfBytes()]) })).id;

/** A standing winner with the leadership's proposal recorded: the government's revocation may go ahead. */
async function proposedRevocation(fx: Fx) {
  const db = fx.t.database.db;
  const applicationId = await fx.app({ state: 'awarded' });
  const [row] = await db.select().from(applications).where(eq(applications.id, applicationId));
  const { profile } = await loadEdition(db, fx.editionId);
  const winner = await inTransaction(fx.t.systemCtx(), (tctx) => recordWinner(tctx, row, profile, 'award'));
  const [proposal] = await db.insert(decisions).values({ editionId: fx.editionId, kind: 'revocation_proposal', documentNumber: '矩阵提请', decidedOn: '2026-11-30', recordedBy: fx.officeUserId }).returning();
  await db.insert(decisionItems).values({ decisionId: proposal.id, applicationId, outcome: 'propose' });
  return caseOf(fx, { kind: 'revocation', applicationId, winnerId: winner.id, groundCode: 'unit_1', groundArticle: '第二十八条（一）', staffName: null, staffUnit: null, status: 'proposed', finding: 'substantiated', proposalDecisionId: proposal.id });
}

/** A verified expert case on a fresh expert of the edition (disqualifying the fixture's expert would change other rows). */
async function verifiedExpertCase(fx: Fx) {
  const db = fx.t.database.db;
  const n = fx.serial();
  const [org] = await db.insert(organisations).values({ name: `矩阵专家机构${n}`, kind: 'agency' }).returning();
  const [expert] = await db.insert(experts).values({ agencyId: org.id, name: `矩阵专家${n}`, unit: '矩阵大学', title: '教授', industries: ['C'], phone: '13900000002', maxLoad: 5 }).returning();
  await db.insert(panelAssignments).values({ editionId: fx.editionId, stage: 'material', applicationId: await fx.app({ state: 'material_review' }), expertId: expert.id });
  return caseOf(fx, { kind: 'expert', expertId: expert.id, staffName: null, staffUnit: null, status: 'verified', finding: 'substantiated' });
}

export function supervisionMatrix(only: Only, rule: Rule) {
  const readers = ['office', 'leadership', 'government', 'committee', 'auditadmin'];
  const reporters = only(['office', 'committee'] as never[], 'ok', 'forbidden');
  // The step's role acts; the other readers are refused the step; nobody else learns the case exists.
  const stepOf = (role: string) => rule('hidden', Object.fromEntries(readers.map((r) => [r, r === role ? 'ok' : 'forbidden'])));
  const c = (id: string, suffix = '') => `/api/supervision/cases/${id}${suffix}`;
  const doc = { documentNumber: '矩阵文号', decidedOn: '2026-11-30', reason: '矩阵理由' };
  return {
    'GET /api/supervision/cases': { expect: only(readers as never[], 'ok', 'forbidden'), request: async () => ({ url: '/api/supervision/cases' }) },
    'POST /api/supervision/cases': {
      expect: reporters,
      request: async (fx: Fx) => ({ url: '/api/supervision/cases', body: { kind: 'staff', editionId: fx.editionId, staffName: '矩阵人员', staffUnit: '矩阵单位', facts: '矩阵举报事实' } }),
    },
    'GET /api/supervision/cases/:id': { expect: rule('hidden', Object.fromEntries(readers.map((r) => [r, 'ok']))), request: async (fx: Fx) => ({ url: c((await caseOf(fx, {})).id) }) },
    'GET /api/supervision/subjects': { expect: reporters, request: async (fx: Fx) => ({ url: `/api/supervision/subjects?editionId=${fx.editionId}&kind=applicant` }) },
    'GET /api/supervision/grounds': { expect: reporters, request: async (fx: Fx) => ({ url: `/api/supervision/grounds?applicationId=${await fx.app({ state: 'awarded' })}` }) },
    'POST /api/supervision/files': {
      expect: reporters,
      request: async () => {
        const boundary = `----matrix-case-${Date.now()}`;
        const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="矩阵.pdf"\r\nContent-Type: application/pdf\r\n\r\n`, 'utf8');
        return { url: '/api/supervision/files', multipart: { body: Buffer.concat([head, pdfBytes(), Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` } };
      },
    },
    'GET /api/supervision/cases/:id/files/:fileId': {
      expect: rule('hidden', Object.fromEntries(readers.map((r) => [r, 'ok']))),
      request: async (fx: Fx) => {
        const fileId = await officeUpload(fx);
        return { url: c((await caseOf(fx, { fileIds: [fileId] })).id, `/files/${fileId}`) };
      },
    },
    'POST /api/supervision/cases/:id/evidence': {
      expect: stepOf('office'),
      request: async (fx: Fx) => {
        const k = await caseOf(fx, {});
        return { url: c(k.id, '/evidence'), body: { fileIds: [await officeUpload(fx)] }, watch: k.watch };
      },
    },
    'POST /api/supervision/cases/:id/verify': {
      expect: stepOf('office'),
      request: async (fx: Fx) => {
        const k = await caseOf(fx, {});
        return { url: c(k.id, '/verify'), body: { finding: 'substantiated', verification: '矩阵核查' }, watch: k.watch };
      },
    },
    'POST /api/supervision/cases/:id/propose': {
      expect: stepOf('leadership'),
      request: async (fx: Fx) => {
        const k = await caseOf(fx, { kind: 'applicant', applicationId: await fx.app({ state: 'candidate' }), staffName: null, staffUnit: null, status: 'verified', finding: 'substantiated' });
        return { url: c(k.id, '/propose'), body: doc, watch: k.watch };
      },
    },
    'POST /api/supervision/cases/:id/decide': {
      expect: stepOf('government'),
      request: async (fx: Fx) => {
        const k = await proposedRevocation(fx);
        return { url: c(k.id, '/decide'), body: doc, watch: k.watch };
      },
    },
    'POST /api/supervision/cases/:id/announce': {
      expect: stepOf('office'),
      request: async (fx: Fx) => {
        const k = await caseOf(fx, { kind: 'revocation', applicationId: await fx.app({ state: 'revoked' }), staffName: null, staffUnit: null, status: 'decided', finding: 'substantiated', outcome: 'revoked' });
        return { url: c(k.id, '/announce'), body: { announcement: '矩阵公告', announcedOn: '2026-12-01' }, watch: k.watch };
      },
    },
    'POST /api/supervision/cases/:id/close': {
      expect: stepOf('office'),
      request: async (fx: Fx) => {
        const k = await caseOf(fx, { status: 'verified', finding: 'substantiated' });
        return { url: c(k.id, '/close'), body: { reason: '矩阵结案' }, watch: k.watch };
      },
    },
    'POST /api/supervision/cases/:id/disqualify-expert': {
      expect: stepOf('office'),
      request: async (fx: Fx) => {
        const k = await verifiedExpertCase(fx);
        return { url: c(k.id, '/disqualify-expert'), body: { reason: '矩阵取消' }, watch: k.watch };
      },
    },
    'GET /api/public/revocations': { expect: rule('ok', {}, 'ok'), request: async () => ({ url: '/api/public/revocations' }) },
  };
}
