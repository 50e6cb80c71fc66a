import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { editions, objections, publicNoticeItems, publicNotices } from '../../../src/db/schema/index.js';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import type { TestApp } from './app.js';

type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome, anonymous?: Outcome) => unknown;
type Rule = (otherwise: Outcome, named: Record<string, Outcome>, anonymous?: Outcome) => unknown;

interface Fx {
  t: TestApp;
  officeUserId: string;
  serial(): number;
  app(values: { state: ApplicationState }): Promise<string>;
  edition(values: { status: 'draft' | 'open'; schedule?: boolean }): Promise<string>;
}

/** A fresh edition with a notice (period given) listing one application, and one open objection to it. */
async function noticeWithObjection(fx: Fx, period: { startsOn: string; endsOn: string } = { startsOn: '2026-11-02', endsOn: '2026-11-06' }) {
  const db = fx.t.database.db;
  const editionId = await fx.edition({ status: 'open' });
  const applicationId = await fx.app({ state: 'public_notice' });
  const [notice] = await db.insert(publicNotices).values({ editionId, title: '矩阵公示', body: '矩阵公示正文', contact: '0539-8888888', ...period, publishedBy: fx.officeUserId }).returning();
  await db.insert(publicNoticeItems).values({ noticeId: notice.id, applicationId, category: 'award' });
  const [objection] = await db
    .insert(objections)
    .values({ noticeId: notice.id, applicationId, reference: `YY-MX-${fx.serial()}`, filerName: '矩阵异议人', filerPhone: '13900000000', content: '矩阵异议内容' })
    .returning();
  const watch = async () => (await db.select().from(objections).where(eq(objections.id, objection.id)))[0];
  return { editionId, noticeId: notice.id, applicationId, objectionId: objection.id, watch };
}

function objectionForm(applicationId: string) {
  const boundary = `----matrix-${randomUUID()}`;
  const fields = { applicationId, name: '矩阵', phone: '13900000000', content: '矩阵异议' };
  const body = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { body: Buffer.from(body, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The public notice's rows of the authorization matrix. `only`/`rule` are the matrix's own expectation builders. */
export function noticeMatrix(only: Only, rule: Rule) {
  const office = only(['office'] as never[], 'ok', 'forbidden');
  const everyone = (outcome: Outcome) => rule(outcome, {}, outcome);
  const n = (editionId: string) => `/api/decision/editions/${editionId}/notice`;
  return {
    'GET /api/decision/editions/:id/notice': { expect: only(['office', 'leadership', 'government'] as never[], 'ok', 'forbidden'), request: async (fx: Fx) => ({ url: n((await noticeWithObjection(fx)).editionId) }) },
    'GET /api/decision/editions/:id/notice/period': { expect: office, request: async (fx: Fx) => ({ url: `${n(await fx.edition({ status: 'open' }))}/period?startsOn=2026-09-30` }) },
    // Nothing approved in a fresh edition: the office may publish, the procedure refuses.
    'POST /api/decision/editions/:id/notice': {
      expect: rule('forbidden', { office: 'refused' }),
      request: async (fx: Fx) => ({ url: n(await fx.edition({ status: 'open' })), body: { title: '矩阵公示', body: '正文', contact: '0539-8888888' } }),
    },
    'GET /api/decision/editions/:id/notice/objections': { expect: office, request: async (fx: Fx) => ({ url: `${n((await noticeWithObjection(fx)).editionId)}/objections` }) },
    'PUT /api/decision/editions/:id/notice/objections/:objectionId/investigation': {
      expect: office,
      request: async (fx: Fx) => {
        const o = await noticeWithObjection(fx);
        return { url: `${n(o.editionId)}/objections/${o.objectionId}/investigation`, body: { investigation: '矩阵调查' }, watch: o.watch };
      },
    },
    'POST /api/decision/editions/:id/notice/objections/:objectionId/ruling': {
      expect: office,
      request: async (fx: Fx) => {
        const o = await noticeWithObjection(fx);
        return { url: `${n(o.editionId)}/objections/${o.objectionId}/ruling`, body: { outcome: 'dismissed', reason: '矩阵理由' }, watch: o.watch };
      },
    },
    // A file that is not the objection's: the office learns only that it is not there.
    'GET /api/decision/editions/:id/notice/objections/:objectionId/files/:fileId': {
      expect: rule('forbidden', { office: 'hidden' }),
      request: async (fx: Fx) => {
        const o = await noticeWithObjection(fx);
        return { url: `${n(o.editionId)}/objections/${o.objectionId}/files/${randomUUID()}` };
      },
    },
    'GET /api/public/notices/:id': {
      expect: everyone('ok'),
      request: async (fx: Fx) => ({ url: `/api/public/notices/${(await noticeWithObjection(fx)).noticeId}` }),
      // The public's fields only: no identity code (18 characters) of an applicant, no filer's phone.
      content: (_fx: Fx, _caller: string, res: { body: string }) => (/[0-9A-Z]{18}/.test(res.body) || res.body.includes('13900000000') ? 'shows an identity code or a contact' : null),
    },
    // The notice has ended (the test clock is at 2026-11-30): anyone may try, the period refuses.
    'POST /api/public/notices/:id/objections': {
      expect: everyone('refused'),
      request: async (fx: Fx) => {
        const o = await noticeWithObjection(fx);
        return { url: `/api/public/notices/${o.noticeId}/objections`, multipart: objectionForm(o.applicationId) };
      },
    },
    'GET /api/public/editions/:id/winners': {
      expect: everyone('ok'),
      request: async (fx: Fx) => {
        const editionId = await fx.edition({ status: 'open' });
        await fx.t.database.db.update(editions).set({ resultsPublishedAt: new Date('2026-10-20T02:00:00Z') }).where(eq(editions.id, editionId));
        return { url: `/api/public/editions/${editionId}/winners` };
      },
    },
    'GET /api/public/archive': { expect: everyone('ok'), request: async () => ({ url: '/api/public/archive' }) },
  };
}
