import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExpertInput } from '../../src/domain/experts/expert.js';
import { POOL_COLUMNS } from '../../src/domain/experts/pool-row.js';
import { INDUSTRY_SHEET, parsePoolWorkbook, POOL_SHEET, poolExportWorkbook, poolTemplateWorkbook } from '../../src/services/experts/pool-sheet.js';

const OPTIONS = { currentYear: 2026 };
const HEADERS = POOL_COLUMNS.map((c) => c.header);

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}
async function save(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}
/** The template with rows typed in from row 3 on (row 2 is the example). */
async function filledTemplate(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = await load(await poolTemplateWorkbook());
  const sheet = book.getWorksheet(POOL_SHEET)!;
  rows.forEach((values, i) => values.forEach((v, c) => (sheet.getRow(3 + i).getCell(c + 1).value = v)));
  return save(book);
}

const WANG: ExpertInput = {
  name: '王建国',
  unit: '临沂华信机械有限公司',
  title: '高级工程师',
  industries: ['34', '35'],
  countyName: '罗庄区',
  phone: '0539-8123456',
  email: 'wjg@example.cn',
  formerEmployers: [
    { unit: '山东临工工程机械有限公司', fromYear: 2005, toYear: 2015 },
    { unit: '沂蒙职业学院', fromYear: 2016, toYear: null },
  ],
  relativesUnits: ['临沂鲁南制药有限公司'],
  advisedUnits: ['临沂金泰物流有限公司', '临沂恒达电子有限公司'],
  available: true,
  maxLoad: 12,
};
const WANG_ROW = ['王建国', '临沂华信机械有限公司', '高级工程师', '34、35', '罗庄区', '0539-8123456', 'wjg@example.cn', '山东临工工程机械有限公司:2005-2015；沂蒙职业学院:2016-至今', '临沂鲁南制药有限公司', '临沂金泰物流有限公司、临沂恒达电子有限公司', '是', 12];

describe('the pool template', () => {
  it('has the pool sheet with the headers and an example row, and the industry code sheet', async () => {
    const book = await load(await poolTemplateWorkbook({ counties: ['兰山区', '罗庄区'] }));
    const sheet = book.getWorksheet(POOL_SHEET)!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getCell('A2').value).toBe('示例：张明');
    expect(sheet.getCell('K3').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(sheet.getCell('L3').dataValidation).toMatchObject({ type: 'whole', formulae: [1, 50] });
    expect(sheet.getCell('E3').dataValidation).toMatchObject({ type: 'list', formulae: ['"兰山区,罗庄区"'] });
    const codes = book.getWorksheet(INDUSTRY_SHEET)!;
    const rows = codes.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 3));
    expect(rows).toContainEqual(['C', '制造业']);
    expect(rows).toContainEqual(['38', '电气机械和器材制造业']);
    expect(rows).toHaveLength(20 + 97);
  });

  it('as handed out, imports nothing: the example row is skipped', async () => {
    expect(await parsePoolWorkbook(await poolTemplateWorkbook(), OPTIONS)).toEqual({ rows: [], fileErrors: [] });
  });

  it('filled in with exceljs, parses to the expert', async () => {
    const result = await parsePoolWorkbook(await filledTemplate([WANG_ROW]), OPTIONS);
    expect(result).toEqual({ rows: [{ row: 3, expert: WANG, errors: [] }], fileErrors: [] });
  });

  it('reads cells as Excel holds them: numbers, links, rich text, formulas', async () => {
    const row: ExcelJS.CellValue[] = [...WANG_ROW];
    row[3] = 34; // codes typed as a number
    row[5] = 13905390000; // a mobile typed as a number
    row[6] = { text: 'wjg@example.cn', hyperlink: 'mailto:wjg@example.cn' };
    row[1] = { richText: [{ text: '临沂华信' }, { text: '机械有限公司', font: { bold: true } }] };
    row[11] = { formula: '6*2', result: 12 };
    const { rows } = await parsePoolWorkbook(await filledTemplate([row]), OPTIONS);
    expect(rows[0].errors).toEqual([]);
    expect(rows[0].expert).toMatchObject({ unit: '临沂华信机械有限公司', industries: ['34'], phone: '13905390000', email: 'wjg@example.cn', maxLoad: 12 });
  });
});

describe('row-level errors', () => {
  it('names the row as Excel shows it and the column by its header; good rows still come back', async () => {
    const bad = [...WANG_ROW];
    bad[0] = '李';
    bad[5] = '12345';
    bad[10] = '也许';
    const other = [...WANG_ROW];
    other[0] = '赵敏';
    const result = await parsePoolWorkbook(await filledTemplate([bad, [], other]), OPTIONS);
    expect(result.fileErrors).toEqual([]);
    expect(result.rows.map((r) => r.row)).toEqual([3, 5]);
    expect(result.rows[0]).toEqual({
      row: 3,
      errors: [
        { column: '姓名', message: '姓名应为 2 到 40 个字符' },
        { column: '联系电话', message: '联系电话应为 11 位手机号或带区号的固话' },
        { column: '是否可用(是/否)', message: '请填写“是”或“否”' },
      ],
    });
    expect(result.rows[1].expert?.name).toBe('赵敏');
  });

  it('flags the same name and unit twice in one file on the later row', async () => {
    const again = [...WANG_ROW];
    again[1] = '临沂华信机械有限责任公司';
    const { rows } = await parsePoolWorkbook(await filledTemplate([WANG_ROW, again]), OPTIONS);
    expect(rows[0].expert).toEqual(WANG);
    expect(rows[1]).toEqual({ row: 4, errors: [{ column: '姓名', message: '与第 3 行重复（姓名和工作单位相同）' }] });
  });
});

describe('file-level errors', () => {
  it('refuses a file that is not an xlsx', async () => {
    expect(await parsePoolWorkbook(Buffer.from('姓名,工作单位\n王建国,临沂大学\n'), OPTIONS)).toEqual({
      rows: [],
      fileErrors: ['无法读取文件：请上传用系统提供的模板填写的 Excel 文件（.xlsx）'],
    });
  });

  it('refuses a sheet with other headers, and names missing columns', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['序号', '名称']);
    expect((await parsePoolWorkbook(await save(book), OPTIONS)).fileErrors).toEqual(['工作表“Sheet1”的第 1 行不是专家库模板的表头，请使用系统提供的模板']);

    const partial = new ExcelJS.Workbook();
    const sheet = partial.addWorksheet(POOL_SHEET);
    // Full-width brackets and commas are the same header; two columns are gone.
    sheet.addRow(HEADERS.filter((h) => h !== '职称' && h !== '电子邮箱').map((h) => h.replace('(', '（').replace(')', '）')));
    sheet.addRow(WANG_ROW);
    expect(await parsePoolWorkbook(await save(partial), OPTIONS)).toEqual({ rows: [], fileErrors: ['缺少列“职称”，请使用系统提供的模板', '缺少列“电子邮箱”，请使用系统提供的模板'] });
  });
});

describe('export', () => {
  it('re-imports to the same experts, with their ids', async () => {
    const experts = [
      { ...WANG, id: 'b7c1e0f2-0000-4000-8000-000000000001' },
      { ...WANG, id: 'b7c1e0f2-0000-4000-8000-000000000002', name: '孙丽', unit: '临沂大学', email: undefined, countyName: null, formerEmployers: [], relativesUnits: [], advisedUnits: [], available: false, maxLoad: 1, industries: ['01'] },
    ];
    const { rows, fileErrors } = await parsePoolWorkbook(await poolExportWorkbook(experts), OPTIONS);
    expect(fileErrors).toEqual([]);
    expect(rows).toEqual(experts.map(({ id, ...expert }, i) => ({ row: i + 2, id, expert, errors: [] })));
  });
});
