import { eq } from 'drizzle-orm';
import { applications, auditLog, decisions, supervisionCases } from '../../../src/db/schema/index.js';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import { certificateFor } from '../../../src/services/awards/certificates.js';
import { recordWinner } from '../../../src/services/awards/winners.js';
import { inTransaction } from '../../../src/services/context.js';
import { loadEdition } from '../../../src/services/technical/actors.js';
import type { Session, TestApp } from './app.js';
import { multipartBody, pdfBytes } from './files-fixtures.js';
import { completeUnitForm, creditCode } from './intake.js';

/** Supervision cases' fixtures: applications in a state, standing winners, evidence uploads, the rows a refusal must leave alone. */

let seq = 0;

export async function applicationIn(t: TestApp, editionId: string, owner: Session, state: ApplicationState, identityCode = creditCode(3000 + ++seq)): Promise<string> {
  const name = `监督测试${++seq}有限公司`;
  const [row] = await t.database.db
    .insert(applications)
    .values({ editionId, kind: 'unit', applicantUserId: owner.userId, identityCode, name, state, form: await completeUnitForm(t, { name }), submittedAt: t.clock.now() })
    .returning();
  return row.id;
}

/** An application 'awarded' with its winner row and certificate, as publishAward leaves them. */
export async function standingWinner(t: TestApp, editionId: string, owner: Session, identityCode?: string): Promise<{ applicationId: string; winnerId: string; serial: string }> {
  const applicationId = await applicationIn(t, editionId, owner, 'awarded', identityCode);
  const db = t.database.db;
  const [row] = await db.select().from(applications).where(eq(applications.id, applicationId));
  const { profile } = await loadEdition(db, editionId);
  const winner = await inTransaction(t.systemCtx(), (tctx) => recordWinner(tctx, row, profile, 'award'));
  return { applicationId, winnerId: winner.id, serial: (await certificateFor(db, winner.id))!.serial };
}

export async function uploadEvidence(t: TestApp, session: Session, content: Buffer = pdfBytes(), name = '举报材料.pdf') {
  const { body, contentType } = multipartBody(name, content);
  return t.app.inject({ method: 'POST', url: '/api/supervision/files', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType }, payload: body });
}

/** What a refused step must leave as it was: the case, the decisions, the trail. */
export async function snapshot(t: TestApp, caseId: string) {
  const db = t.database.db;
  const [row] = await db.select().from(supervisionCases).where(eq(supervisionCases.id, caseId));
  const app = row.applicationId ? (await db.select({ state: applications.state }).from(applications).where(eq(applications.id, row.applicationId)))[0] : null;
  return { row, app, decisions: (await db.select().from(decisions)).length, audit: (await db.select().from(auditLog)).length };
}
