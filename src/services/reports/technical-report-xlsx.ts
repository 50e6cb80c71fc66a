import ExcelJS from 'exceljs';
import { APPLICANT_KIND_LABELS, TECHNICAL_STAGE_LABELS, technicalReport, type TechnicalReport } from '../../contract/technical-report.js';
import { formatDisplayTime } from '../../domain/display-time.js';

/**
 * The technical results report as a workbook:
 *   "排名"     — one row per applicant, units then individuals, each kind in rank order;
 *   "分项得分" — per kind a block: header, one row per applicant with its category scores, then
 *                the cohort-mean row.
 * Scores stay numbers (shown with one decimal); a missing value is an empty cell, not a dash,
 * so that formulas and sorting in Excel keep working.
 */
const ONE_DECIMAL = '0.0';

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
}

function rankingSheet(book: ExcelJS.Workbook, report: TechnicalReport): void {
  const sheet = book.addWorksheet('排名', { views: [{ state: 'frozen', ySplit: 1 }] });
  const stageHeaders = report.stages.flatMap((stage) => [`${TECHNICAL_STAGE_LABELS[stage]}原始分`, `${TECHNICAL_STAGE_LABELS[stage]}校准分`, `${TECHNICAL_STAGE_LABELS[stage]}专家数`]);
  sheet.columns = [
    { header: '类别', key: 'kind', width: 8 },
    { header: '排名', key: 'rank', width: 6 },
    { header: '申报者', key: 'name', width: 36 },
    { header: '技术总分（原始）', key: 'raw', width: 14, style: { numFmt: ONE_DECIMAL } },
    { header: '技术总分（校准）', key: 'calibrated', width: 14, style: { numFmt: ONE_DECIMAL } },
    ...stageHeaders.map((header, i) => ({ header, key: `stage${i}`, width: 13, style: i % 3 === 2 ? {} : { numFmt: ONE_DECIMAL } })),
    { header: '评分分歧', key: 'disagreement', width: 9 },
    { header: '申报编号', key: 'applicationId', width: 38 },
  ];
  styleHeader(sheet.getRow(1));
  for (const section of report.sections) {
    for (const row of section.rows) {
      const stageCells = report.stages.flatMap((stage) => {
        const score = row.stageScores[stage];
        return score ? [score.raw, score.calibrated, score.experts] : [null, null, null];
      });
      sheet.addRow([APPLICANT_KIND_LABELS[section.kind], row.rank, row.applicantName, row.raw, row.calibrated, ...stageCells, row.disagreement ? '是' : '否', row.applicationId]);
    }
  }
}

function categorySheet(book: ExcelJS.Workbook, report: TechnicalReport): void {
  const sheet = book.addWorksheet('分项得分');
  sheet.getColumn(1).width = 8;
  sheet.getColumn(2).width = 6;
  sheet.getColumn(3).width = 36;
  for (const section of report.sections) {
    if (sheet.rowCount > 0) sheet.addRow([]);
    const header = sheet.addRow(['类别', '排名', '申报者', ...section.categories.map((c) => `${c.name}（${c.points}分）`)]);
    styleHeader(header);
    section.categories.forEach((_, i) => {
      sheet.getColumn(4 + i).width = Math.max(sheet.getColumn(4 + i).width ?? 0, 14);
    });
    const kind = APPLICANT_KIND_LABELS[section.kind];
    for (const row of section.rows) {
      const added = sheet.addRow([kind, row.rank, row.applicantName, ...section.categories.map((c) => row.categoryScores[c.code] ?? null)]);
      section.categories.forEach((_, i) => (added.getCell(4 + i).numFmt = ONE_DECIMAL));
    }
    const mean = sheet.addRow([kind, null, '组别均值', ...section.categories.map((c) => section.cohort.categoryMeans[c.code] ?? null)]);
    mean.font = { bold: true };
    section.categories.forEach((_, i) => (mean.getCell(4 + i).numFmt = ONE_DECIMAL));
  }
}

export async function renderTechnicalReportXlsx(input: TechnicalReport): Promise<Buffer> {
  const report = technicalReport.parse(input);
  const book = new ExcelJS.Workbook();
  book.creator = report.agencyName;
  book.created = new Date(report.generatedAt);
  book.title = `${report.edition.name}技术评审结果报告`;
  book.description = `生成时间：${formatDisplayTime(report.generatedAt)}（北京时间）`;
  rankingSheet(book, report);
  categorySheet(book, report);
  return Buffer.from(await book.xlsx.writeBuffer());
}
