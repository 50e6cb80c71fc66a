import { createHash, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import type { SurveyIssueRequest } from '../../contract/survey.js';
import { applications, surveyCodes } from '../../db/schema/index.js';
import { RESPONDENT_GROUP_LABELS } from '../../domain/profile/decision-settings.js';
import { CODE_RANDOM_BYTES, codeFromBytes, normaliseCode, surveyLink } from '../../domain/survey/codes.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { loadSurvey, requireOffice } from './office.js';

/** Only this digest of a code is stored: the database alone cannot answer a questionnaire. */
export function codeHash(normalised: string): string {
  return createHash('sha256').update(`survey-code:${normalised}`).digest('hex');
}

const INSERT_CHUNK = 500;

/**
 * Issues a batch of one-time codes for one respondent group of a survey and returns them once,
 * as a spreadsheet for distribution (候选对象, 测评群体, 测评码, 答题链接); only their hashes stay.
 */
export async function issueCodes(ctx: ServiceContext, editionId: string, surveyId: string, input: SurveyIssueRequest): Promise<{ filename: string; content: Buffer }> {
  const { codes, candidate, batch } = await issueCodeList(ctx, editionId, surveyId, input);
  const group = RESPONDENT_GROUP_LABELS[input.group];
  return { filename: `满意度测评码-${candidate}-${group}-第${batch}批.xlsx`, content: await codesWorkbook(candidate, group, codes) };
}

/** The batch's codes themselves, for the spreadsheet (and the demo, which answers as the respondents would). */
export async function issueCodeList(ctx: ServiceContext, editionId: string, surveyId: string, input: SurveyIssueRequest): Promise<{ codes: string[]; candidate: string; batch: number }> {
  requireOffice(ctx);
  return inTransaction(ctx, async (tctx) => {
    const survey = await loadSurvey(tctx, editionId, surveyId);
    if (survey.closedAt) throw new ServiceError('wrong_stage', '该测评已结束，不能再发放测评码');
    const [app] = await tctx.tx.select({ name: applications.name }).from(applications).where(eq(applications.id, survey.applicationId));
    const [last] = await tctx.tx.select({ batch: sql<number>`coalesce(max(${surveyCodes.batch}), 0)::int` }).from(surveyCodes).where(eq(surveyCodes.surveyId, survey.id));
    const batch = Number(last.batch) + 1;
    const random = randomBytes(CODE_RANDOM_BYTES * input.count);
    const codes = Array.from({ length: input.count }, (_, i) => codeFromBytes(random.subarray(i * CODE_RANDOM_BYTES, (i + 1) * CODE_RANDOM_BYTES)));
    const rows = codes.map((code) => ({ surveyId: survey.id, respondentGroup: input.group, batch, codeHash: codeHash(normaliseCode(code)!), issuedAt: tctx.now() }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tctx.tx.insert(surveyCodes).values(rows.slice(i, i + INSERT_CHUNK));
    // The codes themselves never reach the audit log: only how many, for whom, which batch.
    await recordAudit(tctx, { action: 'survey.codes', entityType: 'application', entityId: survey.applicationId, after: { survey: survey.id, group: input.group, count: input.count, batch } });
    return { codes, candidate: app.name, batch };
  });
}

/** The distribution sheet: one row per code. */
export async function codesWorkbook(candidate: string, groupLabel: string, codes: readonly string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '临沂市市长质量奖管理系统';
  const sheet = book.addWorksheet('测评码', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '候选对象', key: 'candidate', width: 32 },
    { header: '测评群体', key: 'group', width: 12 },
    { header: '测评码', key: 'code', width: 16 },
    { header: '答题链接', key: 'link', width: 36 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(codes.map((code) => ({ candidate, group: groupLabel, code, link: surveyLink(code) })));
  return Buffer.from(await book.xlsx.writeBuffer());
}
