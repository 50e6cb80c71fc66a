import { PDFDocument, rgb } from 'pdf-lib';
import type { FeedbackCategory, FeedbackContent } from '../../domain/awards/feedback.js';
import { categoryPercent } from '../../domain/category-percent.js';
import { embedCjkFont } from './cjk-font.js';
import { CONTENT_WIDTH, MARGIN, MUTED, PdfCursor, RULE, drawFooters, oneDecimal } from './pdf-layout.js';
import { APPLICANT_COLOUR, COHORT_COLOUR } from './radar-pdf.js';

/**
 * The feedback report as a PDF: the applicant's category scores against its cohort's
 * distribution (a box chart drawn in vector), then the strengths and opportunities per item.
 */
const ROW = 22;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 60;

function boxChart(cursor: PdfCursor, categories: FeedbackCategory[]): void {
  const chartLeft = MARGIN + LABEL_WIDTH;
  const chartWidth = CONTENT_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (percent: number) => chartLeft + (chartWidth * Math.max(0, Math.min(100, percent))) / 100;
  const height = ROW * categories.length + 34;
  cursor.ensure(height);
  const top = cursor.y;
  const { page } = cursor;
  for (const tick of [0, 20, 40, 60, 80, 100]) {
    page.drawLine({ start: { x: x(tick), y: top - 6 }, end: { x: x(tick), y: top - ROW * categories.length - 6 }, thickness: 0.3, color: RULE });
    cursor.text(`${tick}%`, x(tick) - 8, top - ROW * categories.length - 16, { size: 6.5, color: MUTED });
  }
  categories.forEach((category, i) => {
    const mid = top - ROW * i - ROW / 2 - 6;
    cursor.text(category.name, MARGIN, mid - 3, { size: 8, width: LABEL_WIDTH - 8 });
    const pct = (v: number) => categoryPercent(v, category.points);
    const c = category.cohort;
    if (c) {
      page.drawLine({ start: { x: x(pct(c.min)), y: mid }, end: { x: x(pct(c.max)), y: mid }, thickness: 0.8, color: COHORT_COLOUR });
      for (const end of [c.min, c.max]) page.drawLine({ start: { x: x(pct(end)), y: mid - 4 }, end: { x: x(pct(end)), y: mid + 4 }, thickness: 0.8, color: COHORT_COLOUR });
      page.drawRectangle({ x: x(pct(c.q1)), y: mid - 6, width: Math.max(0.5, x(pct(c.q3)) - x(pct(c.q1))), height: 12, color: rgb(1, 0.93, 0.84), borderColor: COHORT_COLOUR, borderWidth: 0.8 });
      page.drawLine({ start: { x: x(pct(c.median)), y: mid - 6 }, end: { x: x(pct(c.median)), y: mid + 6 }, thickness: 1.4, color: COHORT_COLOUR });
    }
    if (category.score !== null) {
      page.drawCircle({ x: x(pct(category.score)), y: mid, size: 3.6, color: APPLICANT_COLOUR });
    }
    cursor.text(`${oneDecimal(category.score)} / ${category.points}`, MARGIN + CONTENT_WIDTH - VALUE_WIDTH, mid - 3, { size: 8, width: VALUE_WIDTH, align: 'right' });
  });
  cursor.y = top - height + 8;
  // Legend.
  const y = cursor.y;
  page.drawCircle({ x: chartLeft + 4, y: y + 3, size: 3, color: APPLICANT_COLOUR });
  cursor.text('本申报者得分', chartLeft + 11, y, { size: 7 });
  page.drawRectangle({ x: chartLeft + 80, y: y - 1, width: 14, height: 8, color: rgb(1, 0.93, 0.84), borderColor: COHORT_COLOUR, borderWidth: 0.8 });
  cursor.text('同组别四分位区间（竖线为中位数，两端为最低与最高）', chartLeft + 98, y, { size: 7 });
  cursor.gap(10);
}

export async function renderFeedbackPdf(content: FeedbackContent): Promise<Uint8Array> {
  const title = `${content.editionName}反馈报告`;
  const doc = await PDFDocument.create();
  doc.setTitle(`${title}（${content.applicantName}）`);
  doc.setCreationDate(new Date(`${content.generatedOn}T00:00:00+08:00`));
  const font = await embedCjkFont(doc);
  const cursor = new PdfCursor(doc, font);

  cursor.line(title, { size: 16, lineHeight: 22, width: CONTENT_WIDTH, align: 'center' });
  cursor.line(`申报者：${content.applicantName}（${content.kindLabel}）    出具日期：${content.generatedOn}`, { size: 9, lineHeight: 18, width: CONTENT_WIDTH, align: 'center', color: MUTED });
  cursor.paragraph(
    `本报告依据材料评审的${content.source === 'consensus' ? '评审组一致意见' : '评审组成员意见（未形成一致意见，逐条列出，不署名）'}编写，列出各评分条款的优势与改进机会，并将各类目得分与同组别 ${content.cohortSize} 个申报者的得分分布对比，供持续改进参考。`,
    { size: 8.5, color: MUTED },
  );
  cursor.gap(8);
  cursor.line('一、类目得分与同组别分布', { size: 12, lineHeight: 22 });
  cursor.gap(4);
  boxChart(cursor, content.categories);

  cursor.line('二、各条款的优势与改进机会', { size: 12, lineHeight: 22 });
  let category = '';
  for (const item of content.items) {
    if (item.categoryName !== category) {
      category = item.categoryName;
      cursor.gap(4);
      cursor.line(category, { size: 10.5, lineHeight: 18 });
    }
    cursor.line(`${item.code}  ${item.name}`, { size: 9.5, lineHeight: 16 });
    const block = (label: string, texts: string[]) => {
      if (texts.length === 0) {
        cursor.paragraph(`${label}：无`, { size: 8.5, indent: 12, color: MUTED });
        return;
      }
      texts.forEach((text, i) => cursor.paragraph(`${label}${texts.length > 1 ? ` ${i + 1}` : ''}：${text}`, { size: 8.5, indent: 12 }));
    };
    block('优势', item.strengths);
    block('改进机会', item.opportunities);
  }

  drawFooters(doc, font, `${title} · ${content.applicantName} · 仅供申报者本人使用`);
  return doc.save();
}
