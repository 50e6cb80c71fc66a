import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

/** Small page-flow helpers for the report PDFs: A4 pages, a cursor, fitted text and tables. */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = 40;
export const CONTENT_WIDTH = A4.width - 2 * MARGIN;
export const INK = rgb(0.12, 0.12, 0.12);
export const MUTED = rgb(0.45, 0.45, 0.45);
export const RULE = rgb(0.8, 0.8, 0.8);

export type Align = 'left' | 'right' | 'center';

/** One decimal, or a dash when there is no value (e.g. calibration refused). */
export function oneDecimal(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(1);
}

/** The text shortened with an ellipsis so that it fits the width at the size. */
export function fitText(font: PDFFont, text: string, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && font.widthOfTextAtSize(`${chars.join('')}…`, size) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/** Lines of at most maxWidth, broken between characters (Chinese has no spaces to break at). */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of Array.from(text)) {
    if (line && font.widthOfTextAtSize(line + char, size) > maxWidth) {
      lines.push(line);
      line = char.trim() ? char : '';
    } else {
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface TextOptions {
  size?: number;
  color?: RGB;
  align?: Align;
  /** Box width for right/centre alignment and truncation. */
  width?: number;
}

/** A top-down writer over A4 pages: `y` is the baseline cursor, measured from the page bottom. */
export class PdfCursor {
  page!: PDFPage;
  y = 0;

  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }

  /** Starts a new page unless `height` still fits above the bottom margin; true when it did. */
  ensure(height: number): boolean {
    if (this.y - height >= MARGIN) return false; // the footer sits below the margin
    this.newPage();
    return true;
  }

  text(value: string, x: number, y: number, options: TextOptions = {}): void {
    const size = options.size ?? 9;
    const shown = options.width ? fitText(this.font, value, size, options.width) : value;
    const width = this.font.widthOfTextAtSize(shown, size);
    const box = options.width ?? width;
    const left = options.align === 'right' ? x + box - width : options.align === 'center' ? x + (box - width) / 2 : x;
    this.page.drawText(shown, { x: left, y, size, font: this.font, color: options.color ?? INK });
  }

  /** A line of text at the cursor, moving the cursor down by `lineHeight`. */
  line(value: string, options: TextOptions & { lineHeight?: number; indent?: number } = {}): void {
    const lineHeight = options.lineHeight ?? (options.size ?? 9) * 1.6;
    this.ensure(lineHeight);
    this.y -= lineHeight;
    this.text(value, MARGIN + (options.indent ?? 0), this.y, options);
  }

  /** A wrapped paragraph at the cursor. */
  paragraph(value: string, options: TextOptions & { indent?: number } = {}): void {
    const size = options.size ?? 9;
    const indent = options.indent ?? 0;
    for (const line of wrapText(this.font, value, size, CONTENT_WIDTH - indent)) this.line(line, { ...options, indent });
  }

  gap(height: number): void {
    this.y -= height;
  }
}

export interface TableColumn {
  /** One or two header lines. */
  header: string[];
  width: number;
  align?: Align;
}

/**
 * A table from the cursor down, breaking across pages with the header repeated; each row is
 * one line of cells, fitted to the column width. `highlight` tints a row (e.g. a disagreement).
 */
export function drawTable(cursor: PdfCursor, columns: TableColumn[], rows: string[][], highlight: (rowIndex: number) => boolean = () => false): void {
  const size = 8;
  const rowHeight = 15;
  const headerLines = Math.max(...columns.map((c) => c.header.length));
  const headerHeight = headerLines * 11 + 6;
  const tableWidth = columns.reduce((sum, c) => sum + c.width, 0);

  const drawHeader = () => {
    const top = cursor.y;
    cursor.page.drawRectangle({ x: MARGIN, y: top - headerHeight, width: tableWidth, height: headerHeight, color: rgb(0.92, 0.94, 0.97) });
    let x = MARGIN;
    for (const column of columns) {
      column.header.forEach((text, line) => {
        cursor.text(text, x + 3, top - 11 - line * 11, { size, width: column.width - 6, align: column.align ?? 'left', color: INK });
      });
      x += column.width;
    }
    cursor.y = top - headerHeight;
  };

  cursor.ensure(headerHeight + rowHeight);
  drawHeader();
  rows.forEach((cells, rowIndex) => {
    if (cursor.ensure(rowHeight)) drawHeader();
    const bottom = cursor.y - rowHeight;
    if (highlight(rowIndex)) {
      cursor.page.drawRectangle({ x: MARGIN, y: bottom, width: tableWidth, height: rowHeight, color: rgb(1, 0.95, 0.88) });
    }
    let x = MARGIN;
    columns.forEach((column, i) => {
      cursor.text(cells[i] ?? '', x + 3, bottom + 4.5, { size, width: column.width - 6, align: column.align ?? 'left' });
      x += column.width;
    });
    cursor.page.drawLine({ start: { x: MARGIN, y: bottom }, end: { x: MARGIN + tableWidth, y: bottom }, thickness: 0.4, color: RULE });
    cursor.y = bottom;
  });
}

/** "第 i / n 页" and a caption at the foot of every page (drawn once all pages exist). */
export function drawFooters(doc: PDFDocument, font: PDFFont, caption: string): void {
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const size = 8;
    const label = `第 ${i + 1} / ${pages.length} 页`;
    page.drawText(fitText(font, caption, size, CONTENT_WIDTH - 80), { x: MARGIN, y: MARGIN - 18, size, font, color: MUTED });
    page.drawText(label, { x: A4.width - MARGIN - font.widthOfTextAtSize(label, size), y: MARGIN - 18, size, font, color: MUTED });
  });
}
