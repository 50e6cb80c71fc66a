import { PDFDocument } from 'pdf-lib';
import {
  APPLICANT_KIND_LABELS,
  TECHNICAL_STAGE_LABELS,
  technicalReport,
  type ReportRow,
  type ReportSection,
  type StageScore,
  type TechnicalReport,
} from '../../contract/technical-report.js';
import { categoryPercent } from '../../domain/category-percent.js';
import { formatDisplayTime } from '../../domain/display-time.js';
import { embedCjkFont } from './cjk-font.js';
import { CONTENT_WIDTH, MARGIN, MUTED, PdfCursor, drawFooters, drawTable, oneDecimal, type TableColumn } from './pdf-layout.js';
import { drawRadar, drawRadarLegend } from './radar-pdf.js';

/**
 * The technical results report as a PDF (A4): title, the ranked table of each applicant kind,
 * one radar chart per applicant (its category scores against the kind's cohort mean) and the
 * notes. Chinese text is drawn in an embedded subset font (cjk-font.ts).
 */
export function technicalReportTitle(report: Pick<TechnicalReport, 'edition'>): string {
  return `${report.edition.name}技术评审结果报告`;
}

function stageCell(score: StageScore | null | undefined): string {
  if (!score) return '—';
  return `${oneDecimal(score.raw)} / ${oneDecimal(score.calibrated)}`;
}

function rankingTable(cursor: PdfCursor, report: TechnicalReport, section: ReportSection): void {
  const stageWidth = 66;
  const fixed = 30 + 50 + 50 + 28 + stageWidth * report.stages.length;
  const columns: TableColumn[] = [
    { header: ['排名'], width: 30, align: 'center' },
    { header: ['申报者'], width: CONTENT_WIDTH - fixed },
    { header: ['技术总分', '原始'], width: 50, align: 'right' },
    { header: ['技术总分', '校准'], width: 50, align: 'right' },
    ...report.stages.map((stage): TableColumn => ({ header: [TECHNICAL_STAGE_LABELS[stage], '原始 / 校准'], width: stageWidth, align: 'right' })),
    { header: ['分歧'], width: 28, align: 'center' },
  ];
  const rows = section.rows.map((row) => [
    String(row.rank),
    row.applicantName,
    oneDecimal(row.raw),
    oneDecimal(row.calibrated),
    ...report.stages.map((stage) => stageCell(row.stageScores[stage])),
    row.disagreement ? '是' : '',
  ]);
  drawTable(cursor, columns, rows, (i) => section.rows[i].disagreement);
}

const RADAR_BLOCK_HEIGHT = 178;

/** One applicant: the radar on the left, its category scores beside the cohort's on the right. */
function applicantBlock(cursor: PdfCursor, section: ReportSection, row: ReportRow): void {
  cursor.ensure(RADAR_BLOCK_HEIGHT);
  const top = cursor.y;
  const { page, font } = cursor;
  cursor.text(`第 ${row.rank} 名  ${row.applicantName}`, MARGIN, top - 12, { size: 10, width: CONTENT_WIDTH });
  page.drawLine({ start: { x: MARGIN, y: top - 17 }, end: { x: MARGIN + CONTENT_WIDTH, y: top - 17 }, thickness: 0.4, color: MUTED });

  const axes = section.categories.map((category) => ({
    label: category.name,
    applicant: categoryPercent(row.categoryScores[category.code], category.points),
    cohort: categoryPercent(section.cohort.categoryMeans[category.code], category.points),
  }));
  drawRadar(page, font, { x: MARGIN + 125, y: top - 95 }, 55, axes);
  drawRadarLegend(page, font, { x: MARGIN + 65, y: top - RADAR_BLOCK_HEIGHT + 8 }, '本申报者', '组别均值');

  // The category table beside the chart.
  const left = MARGIN + 265;
  const widths = [110, 46, 46, 48];
  const headers = ['类目', '得分', '满分', '组别均值'];
  let y = top - 34;
  let x = left;
  headers.forEach((header, i) => {
    cursor.text(header, x, y, { size: 8, width: widths[i], align: i === 0 ? 'left' : 'right', color: MUTED });
    x += widths[i];
  });
  for (const category of section.categories) {
    y -= 13;
    const cells = [category.name, oneDecimal(row.categoryScores[category.code]), oneDecimal(category.points), oneDecimal(section.cohort.categoryMeans[category.code])];
    x = left;
    cells.forEach((cell, i) => {
      cursor.text(cell, x, y, { size: 8, width: widths[i], align: i === 0 ? 'left' : 'right' });
      x += widths[i];
    });
  }
  cursor.y = top - RADAR_BLOCK_HEIGHT;
}

export async function renderTechnicalReportPdf(input: TechnicalReport): Promise<Uint8Array> {
  const report = technicalReport.parse(input);
  const title = technicalReportTitle(report);
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setAuthor(report.agencyName);
  doc.setCreationDate(new Date(report.generatedAt));
  const font = await embedCjkFont(doc);
  const cursor = new PdfCursor(doc, font);

  cursor.line(title, { size: 16, lineHeight: 22, width: CONTENT_WIDTH, align: 'center' });
  cursor.line(`评审机构：${report.agencyName}    年度：${report.edition.year}    生成时间：${formatDisplayTime(report.generatedAt)}（北京时间）`, {
    size: 9,
    lineHeight: 18,
    width: CONTENT_WIDTH,
    align: 'center',
    color: MUTED,
  });
  cursor.line(`评审阶段：${report.stages.map((s) => TECHNICAL_STAGE_LABELS[s]).join('、')}；分数保留一位小数，“—”表示无此项（未进入该阶段或未能校准）。`, {
    size: 8,
    lineHeight: 16,
    color: MUTED,
  });

  const sections = report.sections.filter((s) => s.rows.length > 0);
  if (sections.length === 0) cursor.line('本届暂无技术评审结果。', { size: 10, lineHeight: 20 });
  for (const section of sections) {
    cursor.gap(8);
    cursor.line(`${APPLICANT_KIND_LABELS[section.kind]}组别技术评审排名（共 ${section.rows.length} 个）`, { size: 12, lineHeight: 22 });
    cursor.gap(4);
    rankingTable(cursor, report, section);
  }
  for (const section of sections) {
    cursor.newPage();
    cursor.line(`${APPLICANT_KIND_LABELS[section.kind]}组别各申报者类目得分（占该类目满分的百分比，与组别均值对比）`, { size: 12, lineHeight: 22 });
    cursor.gap(6);
    for (const row of section.rows) applicantBlock(cursor, section, row);
  }
  if (report.notes.length > 0) {
    cursor.gap(10);
    cursor.line('说明', { size: 12, lineHeight: 22 });
    report.notes.forEach((note, i) => cursor.paragraph(`${i + 1}. ${note}`, { size: 9 }));
  }

  drawFooters(doc, font, `${title} · ${report.agencyName}`);
  return doc.save();
}
