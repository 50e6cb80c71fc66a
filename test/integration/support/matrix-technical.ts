import { eq } from 'drizzle-orm';
import { applications, expertCommitments, experts, panelAssignments, scorebooks, users } from '../../../src/db/schema/index.js';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import type { RuleProfile } from '../../../src/domain/profile/schema.js';
import { itemsOf } from '../../../src/domain/scoring/scorebook.js';
import { poolExportWorkbook } from '../../../src/services/experts/pool-sheet.js';
import { loadEdition } from '../../../src/services/technical/actors.js';
import type { TestApp } from './app.js';
import { multipartBody } from './files-fixtures.js';

/**
 * The technical review's rows of the authorization matrix, and the fixtures they act on: the
 * expert caller is in the agency caller's pool and committed to the fixture edition.
 */
export interface TechnicalFixtures {
  /** The pool record of the expert caller. */
  expertId: string;
  profile: RuleProfile;
  /** A fresh expert of the agency's pool (no login); `unit` e.g. to make a same-unit conflict. */
  poolExpert(unit?: string): Promise<string>;
  /** A fresh application at a stage with the expert caller as the only member and leader. */
  panelApp(state?: ApplicationState, scorebook?: 'draft' | 'submitted' | 'consensus-draft'): Promise<string>;
}

interface Fx {
  t: TestApp;
  editionId: string;
  serial(): number;
  app(values: { state: ApplicationState }): Promise<string>;
  technical: TechnicalFixtures;
}

export async function technicalFixtures(t: TestApp, fx: { editionId: string; agencyId: string; serial(): number; app: Fx['app'] }): Promise<TechnicalFixtures> {
  const db = t.database.db;
  const [expertUser] = await db.select().from(users).where(eq(users.username, 'm_expert'));
  const profile = (await loadEdition(db, fx.editionId)).profile;
  const insertExpert = async (name: string, unit: string, userId: string | null = null) =>
    (await db.insert(experts).values({ agencyId: fx.agencyId, userId, name, unit, title: '高级工程师', industries: ['C'], phone: '13800000000', maxLoad: 50 }).returning({ id: experts.id }))[0].id;
  const expertId = await insertExpert('矩阵专家', '矩阵专家单位', expertUser.id);
  for (let i = 0; i < profile.panelMinSize; i++) await insertExpert(`矩阵库专家${i}`, `矩阵库单位${i}`);
  await db.insert(expertCommitments).values({ editionId: fx.editionId, expertId, textDigest: 'matrix' });
  const complete = Object.fromEntries(itemsOf(profile.scoringTemplates.unit).map((i) => [i.code, { percent: 50 }]));
  const book = (applicationId: string, kind: 'independent' | 'consensus', status: 'draft' | 'submitted') => ({ editionId: fx.editionId, applicationId, stage: 'material', expertId, kind, items: complete, total: 500, status });
  return {
    expertId,
    profile,
    poolExpert: (unit = `矩阵单位${fx.serial()}`) => insertExpert(`矩阵新专家${fx.serial()}`, unit),
    async panelApp(state = 'material_review', scorebook) {
      const id = await fx.app({ state });
      const stage = state === 'onsite_review' ? 'onsite' : state === 'defence_review' ? 'defence' : 'material';
      await db.insert(panelAssignments).values({ editionId: fx.editionId, stage, applicationId: id, expertId, isLeader: true });
      if (scorebook === 'draft') await db.insert(scorebooks).values(book(id, 'independent', 'draft'));
      if (scorebook === 'submitted' || scorebook === 'consensus-draft') await db.insert(scorebooks).values(book(id, 'independent', 'submitted'));
      if (scorebook === 'consensus-draft') await db.insert(scorebooks).values(book(id, 'consensus', 'draft'));
      return id;
    },
  };
}

type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome) => unknown;
type Rule = (otherwise: Outcome, named: Record<string, Outcome>) => unknown;

const appRow = (fx: Fx, id: string) => async () => (await fx.t.database.db.select().from(applications).where(eq(applications.id, id)))[0];
const expertRow = (fx: Fx, id: string) => async () => (await fx.t.database.db.select().from(experts).where(eq(experts.id, id)))[0];
const expertBody = (fx: Fx) => ({ name: `矩阵录入${fx.serial()}`, unit: '矩阵录入单位', title: '教授', industries: ['C'], phone: '13800000000', formerEmployers: [], relativesUnits: [], advisedUnits: [], available: true, maxLoad: 10 });

/** Rows keyed as the matrix keys them. `only`/`rule` are the matrix's own expectation builders. */
export function technicalMatrix(only: Only, rule: Rule) {
  const agency = only(['agency'] as never[], 'ok', 'forbidden');
  const agencyAndOffice = only(['agency', 'office'] as never[], 'ok', 'forbidden');
  const expert = only(['expert'] as never[], 'ok', 'forbidden');
  // A panel application is seen by its applicant, its county and the office (who hold no role here: 403) and by the agency and the expert.
  const seesPanel = (named: Record<string, Outcome>) => rule('hidden', { applicant_unit: 'forbidden', county: 'forbidden', office: 'forbidden', agency: 'forbidden', ...named });
  const reportOnly = rule('forbidden', { agency: 'ok', office: 'hidden' });
  const e = (fx: Fx) => `/api/technical/editions/${fx.editionId}`;
  const sb = async (fx: Fx, suffix: string, scorebook?: 'draft' | 'submitted' | 'consensus-draft', body?: unknown) => {
    const id = await fx.technical.panelApp('material_review', scorebook);
    return { url: `/api/applications/${id}/scorebooks/material${suffix}`, body, watch: appRow(fx, id) };
  };
  return {
    'GET /api/experts': { expect: agencyAndOffice, request: async () => ({ url: '/api/experts' }) },
    'POST /api/experts': { expect: agency, request: async (fx: Fx) => ({ url: '/api/experts', body: expertBody(fx) }) },
    'PUT /api/experts/:id': {
      expect: agency,
      request: async (fx: Fx) => {
        const id = await fx.technical.poolExpert();
        return { url: `/api/experts/${id}`, body: expertBody(fx), watch: expertRow(fx, id) };
      },
    },
    'POST /api/experts/:id/account': {
      expect: agency,
      request: async (fx: Fx) => {
        const id = await fx.technical.poolExpert();
        return { url: `/api/experts/${id}/account`, body: { username: `acct${fx.serial()}`, password: 'Expert-Pass-2026!' }, watch: expertRow(fx, id) };
      },
    },
    'GET /api/experts/template.xlsx': { expect: agency, request: async () => ({ url: '/api/experts/template.xlsx' }) },
    'GET /api/experts/export.xlsx': { expect: agency, request: async () => ({ url: '/api/experts/export.xlsx' }) },
    'POST /api/experts/import': {
      expect: agency,
      request: async (fx: Fx) => ({ url: '/api/experts/import', multipart: multipartBody('专家库.xlsx', await poolExportWorkbook([{ ...expertBody(fx), id: crypto.randomUUID() }])) }),
    },
    'GET /api/expert/work': { expect: expert, request: async () => ({ url: '/api/expert/work' }) },
    // An expert learns of an edition by being put on one of its panels.
    'GET /api/expert/editions/:id/commitment': { expect: expert, request: async (fx: Fx) => ({ url: `/api/expert/editions/${fx.editionId}/commitment`, watch: appRow(fx, await fx.technical.panelApp()) }) },
    // An expert learns of an edition by being put on one of its panels.
    'POST /api/expert/editions/:id/commitment': { expect: expert, request: async (fx: Fx) => ({ url: `/api/expert/editions/${fx.editionId}/commitment`, watch: appRow(fx, await fx.technical.panelApp()) }) },
    'GET /api/technical/editions/:id': { expect: agency, request: async (fx: Fx) => ({ url: e(fx) }) },
    'POST /api/technical/editions/:id/start': {
      expect: agency,
      request: async (fx: Fx) => {
        const id = await fx.app({ state: 'qualified' });
        return { url: `${e(fx)}/start`, watch: appRow(fx, id) };
      },
    },
    'GET /api/technical/editions/:id/conflicts': { expect: agency, request: async (fx: Fx) => ({ url: `${e(fx)}/conflicts` }) },
    'POST /api/technical/editions/:id/conflicts': {
      expect: only(['agency', 'expert'] as never[], 'ok', 'forbidden'),
      request: async (fx: Fx) => {
        const id = await fx.technical.panelApp();
        return { url: `${e(fx)}/conflicts`, body: { expertId: fx.technical.expertId, applicationId: id, reason: '曾为该单位提供咨询' }, watch: appRow(fx, id) };
      },
    },
    'POST /api/technical/editions/:id/conflicts/dismiss': {
      expect: agency,
      request: async (fx: Fx) => {
        const id = await fx.app({ state: 'qualified' });
        const [app] = await fx.t.database.db.select().from(applications).where(eq(applications.id, id));
        const expertId = await fx.technical.poolExpert(app.name);
        return { url: `${e(fx)}/conflicts/dismiss`, body: { expertId, applicationId: id, rule: 'same_unit', reason: '同名不同单位' } };
      },
    },
    'GET /api/technical/editions/:id/stages/:stage/panels': { expect: agency, request: async (fx: Fx) => ({ url: `${e(fx)}/stages/material/panels` }) },
    'POST /api/technical/editions/:id/stages/:stage/panels': {
      expect: agency,
      request: async (fx: Fx) => {
        const id = await fx.app({ state: 'defence_review' });
        return { url: `${e(fx)}/stages/defence/panels`, body: { k: fx.technical.profile.panelMinSize }, watch: appRow(fx, id) };
      },
    },
    'GET /api/technical/editions/:id/stages/:stage/panels/progress': { expect: agency, request: async (fx: Fx) => ({ url: `${e(fx)}/stages/material/panels/progress` }) },
    'POST /api/technical/editions/:id/stages/:stage/panels/:applicationId/members': {
      expect: agency,
      request: async (fx: Fx) => ({ url: `${e(fx)}/stages/material/panels/${await fx.app({ state: 'material_review' })}/members`, body: { expertId: await fx.technical.poolExpert() } }),
    },
    'DELETE /api/technical/editions/:id/stages/:stage/panels/:applicationId/members/:expertId': {
      expect: agency,
      request: async (fx: Fx) => ({ url: `${e(fx)}/stages/material/panels/${await fx.technical.panelApp()}/members/${fx.technical.expertId}` }),
    },
    'POST /api/technical/editions/:id/stages/:stage/panels/:applicationId/leader': {
      expect: agency,
      request: async (fx: Fx) => ({ url: `${e(fx)}/stages/material/panels/${await fx.technical.panelApp()}/leader`, body: { expertId: fx.technical.expertId } }),
    },
    'PUT /api/technical/editions/:id/stages/:stage/schedules/:applicationId': {
      expect: agency,
      request: async (fx: Fx) => ({ url: `${e(fx)}/stages/onsite/schedules/${await fx.app({ state: 'onsite_review' })}`, body: { scheduledOn: '2026-12-07', location: '企业现场', agenda: '现场评审' } }),
    },
    'GET /api/applications/:id/scorebooks/:stage': { expect: seesPanel({ agency: 'ok', expert: 'ok' }), request: (fx: Fx) => sb(fx, '') },
    'PUT /api/applications/:id/scorebooks/:stage/mine': { expect: seesPanel({ expert: 'ok' }), request: (fx: Fx) => sb(fx, '/mine', undefined, { items: {}, revision: 0 }) },
    'POST /api/applications/:id/scorebooks/:stage/mine/submit': { expect: seesPanel({ expert: 'ok' }), request: (fx: Fx) => sb(fx, '/mine/submit', 'draft') },
    'PUT /api/applications/:id/scorebooks/:stage/consensus': { expect: seesPanel({ expert: 'ok' }), request: (fx: Fx) => sb(fx, '/consensus', 'submitted', { items: {}, revision: 0 }) },
    'POST /api/applications/:id/scorebooks/:stage/consensus/submit': { expect: seesPanel({ expert: 'ok' }), request: (fx: Fx) => sb(fx, '/consensus/submit', 'consensus-draft') },
    'GET /api/technical/editions/:id/stages/:stage/results': { expect: agencyAndOffice, request: async (fx: Fx) => ({ url: `${e(fx)}/stages/material/results` }) },
    'GET /api/technical/editions/:id/report': { expect: reportOnly, request: async (fx: Fx) => ({ url: `${e(fx)}/report` }) },
    // Applications are still at earlier stages: the agency may submit, the procedure refuses.
    'POST /api/technical/editions/:id/report': { expect: rule('forbidden', { agency: 'refused' }), request: async (fx: Fx) => ({ url: `${e(fx)}/report` }) },
    'GET /api/technical/editions/:id/report.pdf': { expect: reportOnly, request: async (fx: Fx) => ({ url: `${e(fx)}/report.pdf` }) },
    'GET /api/technical/editions/:id/report.xlsx': { expect: reportOnly, request: async (fx: Fx) => ({ url: `${e(fx)}/report.xlsx` }) },
  };
}
