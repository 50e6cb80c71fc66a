import ExcelJS from 'exceljs';
import type { ExpertInput } from '../../domain/experts/expert.js';
import {
  duplicateKey,
  EXAMPLE_PREFIX,
  formatPoolRow,
  headerKey,
  isBlankRow,
  isExampleRow,
  parsePoolRow,
  POOL_COLUMNS,
  type PoolCellError,
  type PoolColumnKey,
  type PoolRowCells,
  type PoolRowOptions,
} from '../../domain/experts/pool-row.js';
import { industryClassification } from '../reference.js';

/**
 * The expert pool spreadsheet (issue 11): the template the system hands out, its import with
 * row-level Chinese errors, and the export in the same columns so an export can be re-imported.
 * What a row means is decided in src/domain/experts/pool-row.ts; this module only moves cells.
 */

export const POOL_SHEET = '专家库';
export const INDUSTRY_SHEET = '行业代码';
/** Export only: the system's id, after the template's columns; the import ignores unknown columns but reads this one. */
export const ID_HEADER = '系统编号';
/** Template rows that carry drop-downs and text formats. */
const TEMPLATE_ROWS = 500;
/** A pool is hundreds of experts; a bigger sheet is the wrong file. */
export const MAX_POOL_ROWS = 5000;
/** Excel refuses an inline list validation longer than this. */
const INLINE_LIST_MAX = 255;

export interface PoolRowResult {
  /** The row number Excel shows. */
  row: number;
  expert?: ExpertInput;
  /** Present on a row exported by the system. */
  id?: string;
  errors: PoolCellError[];
}

export interface PoolParseResult {
  rows: PoolRowResult[];
  fileErrors: string[];
}

const EXAMPLE: ExpertInput = {
  name: `${EXAMPLE_PREFIX}：张明`,
  unit: '临沂大学',
  title: '教授',
  industries: ['38', 'M'],
  countyName: '兰山区',
  phone: '13905390000',
  email: 'zhangming@example.com',
  formerEmployers: [{ unit: '临沂华信机械有限公司', fromYear: 2012, toYear: 2018 }],
  relativesUnits: ['沂蒙食品有限公司'],
  advisedUnits: [],
  available: true,
  maxLoad: 15,
};

function newBook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = '临沂市市长质量奖管理系统';
  return book;
}

function poolSheet(book: ExcelJS.Workbook, withId: boolean): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(POOL_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [...POOL_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })), ...(withId ? [{ header: ID_HEADER, key: 'id', width: 38 }] : [])];
  sheet.getRow(1).font = { bold: true };
  // Text cells keep phone numbers and codes such as "01" as typed.
  for (const key of ['phone', 'industries'] as const) sheet.getColumn(key).numFmt = '@';
  return sheet;
}

function industrySheet(book: ExcelJS.Workbook): void {
  const sheet = book.addWorksheet(INDUSTRY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '代码', key: 'code', width: 8 },
    { header: '名称', key: 'name', width: 40 },
    { header: '所属门类', key: 'section', width: 30 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const section of industryClassification().sections) {
    sheet.addRow({ code: section.code, name: section.name, section: '（门类）' }).font = { bold: true };
    for (const d of section.divisions) sheet.addRow({ code: d.code, name: d.name, section: `${section.code} ${section.name}` });
  }
}

function addValidations(sheet: ExcelJS.Worksheet, counties: readonly string[] | undefined): void {
  const col = (key: PoolColumnKey) => sheet.getColumn(key).number;
  const countyList = counties && counties.length > 0 ? `"${counties.join(',')}"` : null;
  for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
    const row = sheet.getRow(r);
    row.getCell(col('available')).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: ['"是,否"'],
      showErrorMessage: true,
      errorTitle: '是否可用',
      error: '请选择“是”或“否”',
    };
    row.getCell(col('maxLoad')).dataValidation = {
      type: 'whole',
      operator: 'between',
      allowBlank: false,
      formulae: [1, 50],
      showErrorMessage: true,
      errorTitle: '每届最大评审量',
      error: '请填写 1 到 50 之间的整数',
    };
    if (countyList && countyList.length <= INLINE_LIST_MAX) {
      row.getCell(col('countyName')).dataValidation = { type: 'list', allowBlank: true, formulae: [countyList], showErrorMessage: true, error: '请从列表中选择县区' };
    }
  }
}

/** The template: the pool sheet with one example row (not imported) and the industry code list. */
export async function poolTemplateWorkbook(options: { counties?: readonly string[] } = {}): Promise<Buffer> {
  const book = newBook();
  const sheet = poolSheet(book, false);
  sheet.addRow(formatPoolRow(EXAMPLE)).font = { italic: true, color: { argb: 'FF808080' } };
  sheet.getCell('A1').note = `第 2 行为示例：姓名以“${EXAMPLE_PREFIX}”开头的行不会导入，可直接改写或删除。专业领域填写“${INDUSTRY_SHEET}”表中的代码。`;
  addValidations(sheet, options.counties);
  industrySheet(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The pool in the template's columns, plus the system's id in the last column. */
export async function poolExportWorkbook(experts: ReadonlyArray<ExpertInput & { id: string }>): Promise<Buffer> {
  const book = newBook();
  const sheet = poolSheet(book, true);
  for (const e of experts) sheet.addRow({ ...formatPoolRow(e), id: e.id });
  industrySheet(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A cell as the text a person sees: rich text joined, a link's text, a formula's result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  return '';
}

async function loadBook(buffer: Buffer): Promise<ExcelJS.Workbook | null> {
  try {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    return book;
  } catch {
    return null;
  }
}

/** Header text → column number, for the template's columns and the export's id column. */
function headerColumns(sheet: ExcelJS.Worksheet): Map<string, number> {
  const found = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const key = headerKey(cellText(cell.value));
    if (key && !found.has(key)) found.set(key, col);
  });
  return found;
}

/**
 * Reads a filled-in template. File-level problems (not an .xlsx, headers missing, too many rows)
 * come back in fileErrors with no rows; otherwise every non-blank, non-example row comes back with
 * its expert or its errors, so the caller can refuse the file or take only the valid rows.
 */
export async function parsePoolWorkbook(buffer: Buffer, options: PoolRowOptions): Promise<PoolParseResult> {
  const book = await loadBook(buffer);
  if (!book) return { rows: [], fileErrors: ['无法读取文件：请上传用系统提供的模板填写的 Excel 文件（.xlsx）'] };
  const sheet = book.getWorksheet(POOL_SHEET) ?? book.worksheets[0];
  if (!sheet) return { rows: [], fileErrors: ['文件中没有工作表'] };

  const columns = headerColumns(sheet);
  const missing = POOL_COLUMNS.filter((c) => !columns.has(headerKey(c.header))).map((c) => c.header);
  if (missing.length === POOL_COLUMNS.length) return { rows: [], fileErrors: [`工作表“${sheet.name}”的第 1 行不是专家库模板的表头，请使用系统提供的模板`] };
  if (missing.length > 0) return { rows: [], fileErrors: missing.map((h) => `缺少列“${h}”，请使用系统提供的模板`) };
  if (sheet.actualRowCount - 1 > MAX_POOL_ROWS) return { rows: [], fileErrors: [`行数超过 ${MAX_POOL_ROWS} 行，请分批导入`] };

  const idColumn = columns.get(headerKey(ID_HEADER));
  const rows: PoolRowResult[] = [];
  const firstRowOf = new Map<string, number>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Object.fromEntries(POOL_COLUMNS.map((c) => [c.key, cellText(row.getCell(columns.get(headerKey(c.header))!).value)])) as PoolRowCells;
    if (isBlankRow(cells) || isExampleRow(cells)) return;
    const result: PoolRowResult = { row: rowNumber, ...parsePoolRow(cells, options) };
    const id = idColumn ? cellText(row.getCell(idColumn).value).trim() : '';
    if (id) result.id = id;
    const key = duplicateKey(cells);
    if (key !== null) {
      const first = firstRowOf.get(key);
      if (first === undefined) firstRowOf.set(key, rowNumber);
      else {
        result.errors.push({ column: POOL_COLUMNS[0].header, message: `与第 ${first} 行重复（姓名和工作单位相同）` });
        delete result.expert;
      }
    }
    rows.push(result);
  });
  return { rows, fileErrors: [] };
}
