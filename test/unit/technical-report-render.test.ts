import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import ExcelJS from 'exceljs';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { technicalReport, type TechnicalReport } from '../../src/contract/technical-report.js';
import { CjkFontMissingError, findCjkFont } from '../../src/services/reports/cjk-font.js';
import { renderTechnicalReportPdf } from '../../src/services/reports/technical-report-pdf.js';
import { renderTechnicalReportXlsx } from '../../src/services/reports/technical-report-xlsx.js';
import { WatermarkRefusedError, watermarkPdf } from '../../src/services/reports/watermark.js';
import { buildTechnicalReport } from './support/technical-report-fixture.js';

// Text extraction goes through poppler's pdftotext, an independent reader (scripts/ensure-system-deps.sh installs it).
let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'mqa-report-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function pdfText(bytes: Uint8Array, page?: number): string {
  const file = join(workDir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' });
}

interface EmbeddedFont {
  fontName: string;
  fileKey: string;
  program: Uint8Array;
}

/** Every font program embedded in the PDF, read from the FontDescriptor dictionaries. */
function embeddedFonts(doc: PDFDocument): EmbeddedFont[] {
  const fonts: EmbeddedFont[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    for (const fileKey of ['FontFile', 'FontFile2', 'FontFile3']) {
      const ref = object.get(PDFName.of(fileKey));
      if (!ref) continue;
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Error(`${fileKey} is not a stream`);
      fonts.push({ fontName: object.lookup(PDFName.of('FontName'), PDFName).decodeText(), fileKey, program: decodePDFRawStream(stream).decode() });
    }
  }
  return fonts;
}

const report = buildTechnicalReport(25, 4);
const unitRows = report.sections[0].rows;

describe('technical report PDF', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await renderTechnicalReportPdf(report);
  }, 60_000);

  it('the fixture is a valid contract value', () => {
    expect(technicalReport.safeParse(report).success).toBe(true);
    expect(technicalReport.safeParse({ ...report, stages: [] }).success).toBe(false);
  });

  it('parses back, with the radar pages after the ranking (4 applicants a page)', async () => {
    const doc = await PDFDocument.load(pdf);
    // 1 ranking page, ceil(25/4) unit radar pages, 1 individual radar page.
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1 + Math.ceil(25 / 4) + 1);
    expect(doc.getTitle()).toBe('第九届临沂市市长质量奖技术评审结果报告');
  });

  it('embeds one subset TrueType font whose glyphs are the original font\'s glyphs', async () => {
    const fonts = embeddedFonts(await PDFDocument.load(pdf));
    expect(fonts).toHaveLength(1);
    const [font] = fonts;
    expect(font.fileKey).toBe('FontFile2');
    expect(font.fontName).toMatch(/^[A-Z]{6}\+/); // the PDF subset tag
    expect(font.program.length).toBeLessThan(400_000); // the whole font files weigh megabytes
    // Glyph records misplaced by the subsetter (odd lengths in a short loca table) decode as
    // other shapes: the outline of every character the report shows must be in the subset.
    const source = findCjkFont();
    const original = fontkit.create(readFileSync(source.path), source.postscriptName);
    const subset = fontkit.create(Buffer.from(font.program));
    const inSubset = new Set(Array.from({ length: subset.numGlyphs }, (_, gid) => subset.getGlyph(gid).path.toSVG()));
    const shown = [...new Set(Array.from(pdfText(pdf)).filter((c) => c.trim()))];
    expect(shown.length).toBeGreaterThan(100);
    expect(shown.filter((c) => !inSubset.has(original.glyphsForString(c)[0].path.toSVG()))).toEqual([]);
  });

  it('has extractable Chinese text: the title, every applicant, the notes', () => {
    const text = pdfText(pdf);
    expect(text).toContain('第九届临沂市市长质量奖技术评审结果报告');
    for (const section of report.sections) for (const row of section.rows) expect(text).toContain(row.applicantName);
    expect(text).toContain('已由评审组长复核');
  });

  it('lists the units in rank order on the first page with their scores', () => {
    const first = pdfText(pdf, 1);
    const positions = unitRows.map((row) => first.indexOf(row.applicantName));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(first).toContain(unitRows[0].raw.toFixed(1));
  });

  it('breaks a long ranking across pages and repeats the header', async () => {
    const long = await renderTechnicalReportPdf(buildTechnicalReport(70, 0));
    const second = pdfText(long, 2);
    const longRows = buildTechnicalReport(70, 0).sections[0].rows;
    expect(second).toContain('申报者');
    expect(second).toContain(longRows[69].applicantName);
    expect(pdfText(long, 1)).not.toContain(longRows[69].applicantName);
  }, 60_000);

  it('says there are no results when no section has rows', async () => {
    const empty: TechnicalReport = { ...report, sections: [] };
    const bytes = await renderTechnicalReportPdf(empty);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    expect(pdfText(bytes)).toContain('本届暂无技术评审结果');
  });
});

describe('technical report workbook', () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderTechnicalReportXlsx(report)) as unknown as ArrayBuffer);
  });

  it('"排名" holds the units then the individuals in rank order, scores as one-decimal numbers', () => {
    const sheet = book.getWorksheet('排名')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('申报者');
    const expected = report.sections.flatMap((s) => s.rows);
    expect(sheet.rowCount).toBe(1 + expected.length);
    expected.forEach((row, i) => {
      const cells = sheet.getRow(2 + i);
      expect(cells.getCell(2).value).toBe(row.rank);
      expect(cells.getCell(3).value).toBe(row.applicantName);
      expect(cells.getCell(4).value).toBe(row.raw);
      expect(cells.getCell(4).numFmt).toBe('0.0');
      expect(cells.getCell(5).value ?? null).toBe(row.calibrated);
      expect(cells.getCell(6).value ?? null).toBe(row.stageScores.material?.raw ?? null);
    });
    expect(sheet.getRow(2).getCell(1).value).toBe('单位');
    expect(sheet.getRow(2 + unitRows.length).getCell(1).value).toBe('个人');
    expect(unitRows.map((r) => r.raw)).toEqual([...unitRows.map((r) => r.raw)].sort((a, b) => b - a));
  });

  it('"分项得分" has each applicant\'s category scores and the cohort mean row', () => {
    const sheet = book.getWorksheet('分项得分')!;
    const unit = report.sections[0];
    expect(sheet.getRow(1).getCell(4).value).toBe(`${unit.categories[0].name}（${unit.categories[0].points}分）`);
    unit.rows.forEach((row, i) => {
      const cells = sheet.getRow(2 + i);
      expect(cells.getCell(3).value).toBe(row.applicantName);
      unit.categories.forEach((c, j) => expect(cells.getCell(4 + j).value).toBe(row.categoryScores[c.code]));
    });
    const mean = sheet.getRow(2 + unit.rows.length);
    expect(mean.getCell(3).value).toBe('组别均值');
    const leadershipMean = unit.rows.reduce((sum, r) => sum + r.categoryScores.leadership, 0) / unit.rows.length;
    expect(mean.getCell(4).value).toBeCloseTo(leadershipMean, 9);
    expect(mean.getCell(4).numFmt).toBe('0.0');
  });
});

describe('watermark', () => {
  const stamp = '评审专家 张三 2026-12-01 14:30 仅供评审使用';

  it('stamps every page with the text in the embedded font', async () => {
    const original = await renderTechnicalReportPdf(buildTechnicalReport(6, 0));
    const pages = (await PDFDocument.load(original)).getPageCount();
    expect(pages).toBeGreaterThan(1);
    const stamped = await watermarkPdf(original, stamp);
    expect((await PDFDocument.load(stamped)).getPageCount()).toBe(pages);
    for (let page = 1; page <= pages; page++) {
      expect(pdfText(original, page)).not.toContain('评审专家 张三');
      expect(pdfText(stamped, page).replace(/\s+/g, '')).toContain(stamp.replace(/\s+/g, ''));
    }
  });

  it('stamps a PDF made elsewhere (no Chinese font of its own)', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 200]);
    const stamped = await watermarkPdf(await doc.save(), stamp);
    expect(pdfText(stamped)).toContain('仅供评审使用');
    expect(embeddedFonts(await PDFDocument.load(stamped))[0].fontName).toMatch(/^[A-Z]{6}\+/);
  });

  it('refuses bytes that are not a PDF', async () => {
    const refusal = watermarkPdf(new TextEncoder().encode('不是 PDF 文件'), stamp);
    await expect(refusal).rejects.toBeInstanceOf(WatermarkRefusedError);
    await expect(refusal).rejects.toMatchObject({ reason: 'unparsable' });
  });

  it('refuses an encrypted PDF', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    // A trailer /Encrypt entry is what marks a PDF as encrypted.
    doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 2, R: 3, O: PDFString.of('x'), U: PDFString.of('y'), P: -4 }));
    const refusal = watermarkPdf(await doc.save(), stamp);
    await expect(refusal).rejects.toMatchObject({ name: 'WatermarkRefusedError', reason: 'encrypted' });
  });

  it('refuses an empty text', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    await expect(watermarkPdf(await doc.save(), '  ')).rejects.toMatchObject({ reason: 'empty_text' });
  });
});

describe('Chinese font lookup', () => {
  it('names the remedies in Chinese when no font file exists', () => {
    expect(() => findCjkFont([{ path: '/nonexistent/font.ttf' }])).toThrow(CjkFontMissingError);
    expect(() => findCjkFont([{ path: '/nonexistent/font.ttf' }])).toThrow(/未找到可嵌入 PDF 的中文字体.*fonts-wqy-microhei/);
  });
});
