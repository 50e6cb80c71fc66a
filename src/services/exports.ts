import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import { applications, editions, organisations } from '../db/schema/index.js';
import { formatDisplayTime } from '../domain/display-time.js';
import { stateLabel } from '../domain/lifecycle/states.js';
import { applicationListPolicy } from '../domain/policies/applications.js';
import { qualificationMatrix } from './applications/qualification.js';
import type { ServiceContext } from './context.js';
import { ensure, notFound } from './errors.js';
import { industryClassification } from './reference.js';

const CELL_LABELS: Record<string, string> = { pending: '待审查', passed: '通过', failed: '不通过', overdue: '已逾期', overruled: '异议已否决', closed: '审查已结束' };
const KIND_LABELS: Record<string, string> = { unit: '单位', individual: '个人' };
const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;

/** GB/T 4754 section code ('C') → its name ('制造业'); an unknown code is shown as it is. */
function industryLabel(code: unknown): string {
  if (typeof code !== 'string' || !code) return '';
  return industryClassification().sections.find((s) => s.code === code)?.name ?? code;
}

/** One sheet with a bold, frozen header row; `rows` keyed by the columns' keys. */
export async function workbook(sheetName: string, columns: Array<{ header: string; key: string; width: number }>, rows: Array<Record<string, unknown>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '临沂市市长质量奖管理系统';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function editionName(ctx: ServiceContext, editionId: string): Promise<string> {
  const [edition] = await ctx.db.select({ name: editions.name }).from(editions).where(eq(editions.id, editionId));
  if (!edition) throw notFound('届次');
  return edition.name;
}

/** The edition's applications (drafts excluded: they are the applicants' own until submitted). */
export async function exportApplications(ctx: ServiceContext, editionId: string): Promise<{ filename: string; content: Buffer }> {
  ensure(applicationListPolicy.export(ctx.actor, null));
  const name = await editionName(ctx, editionId);
  const rows = await ctx.db
    .select({ app: applications, county: organisations.name })
    .from(applications)
    .leftJoin(organisations, eq(organisations.id, applications.countyId))
    .where(eq(applications.editionId, editionId))
    .orderBy(asc(organisations.code), asc(applications.name));
  const content = await workbook(
    '申报汇总',
    [
      { header: '序号', key: 'no', width: 6 },
      { header: '申报类型', key: 'kind', width: 10 },
      { header: '名称/姓名', key: 'name', width: 32 },
      { header: '统一社会信用代码/身份证号码', key: 'code', width: 24 },
      { header: '所在县区', key: 'county', width: 16 },
      { header: '行业门类', key: 'industry', width: 24 },
      { header: '联系人', key: 'contact', width: 10 },
      { header: '联系电话', key: 'phone', width: 14 },
      { header: '状态', key: 'state', width: 20 },
      { header: '提交时间', key: 'submittedAt', width: 20 },
    ],
    rows
      .filter(({ app }) => app.state !== 'draft')
      .map(({ app, county }, i) => ({
        no: i + 1,
        kind: kindLabel(app.kind),
        name: app.name,
        code: app.identityCode,
        county: county ?? '',
        industry: industryLabel(app.form.industrySection),
        contact: (app.form.contactName as string) ?? app.name,
        phone: (app.form.contactPhone as string) ?? '',
        state: stateLabel(app.state),
        // Beijing time, as the UI shows it.
        submittedAt: app.submittedAt ? formatDisplayTime(app.submittedAt) : '',
      })),
  );
  return { filename: `${name}-申报汇总.xlsx`, content };
}

/** The qualification matrix: one row per application, one column per department. */
export async function exportQualificationMatrix(ctx: ServiceContext, editionId: string): Promise<{ filename: string; content: Buffer }> {
  ensure(applicationListPolicy.export(ctx.actor, null));
  const name = await editionName(ctx, editionId);
  const matrix = await qualificationMatrix(ctx, editionId);
  const content = await workbook(
    '资格审查',
    [
      { header: '名称/姓名', key: 'name', width: 32 },
      { header: '申报类型', key: 'kind', width: 10 },
      { header: '状态', key: 'state', width: 18 },
      { header: '审查截止', key: 'dueOn', width: 12 },
      ...matrix.departments.map((d) => ({ header: d.name, key: d.id, width: 12 })),
    ],
    matrix.rows.map((r) => ({
      name: r.name,
      kind: kindLabel(r.kind),
      state: r.stateLabel,
      dueOn: r.dueOn,
      ...Object.fromEntries(matrix.departments.map((d) => [d.id, CELL_LABELS[r.cells[d.id]] ?? ''])),
    })),
  );
  return { filename: `${name}-资格审查.xlsx`, content };
}
