import type { z } from 'zod';
import { expertInputSchemaAt, type ExpertInput, type FormerEmployer } from './expert.js';
import { normaliseUnitName } from './unit-name.js';

/**
 * One row of the expert pool spreadsheet as text, both ways: the cells of a row → an expert with
 * row-level Chinese errors per column, and an expert → cells that parse back to it. The Excel file
 * itself is read and written in src/services/experts/pool-sheet.ts.
 */

export const POOL_COLUMNS = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'unit', header: '工作单位', width: 30 },
  { key: 'title', header: '职称', width: 14 },
  { key: 'industries', header: '专业领域(行业代码，多个用、分隔)', width: 22 },
  { key: 'countyName', header: '所在县区', width: 16 },
  { key: 'phone', header: '联系电话', width: 16 },
  { key: 'email', header: '电子邮箱', width: 24 },
  { key: 'formerEmployers', header: '曾任职单位(单位:起始年-结束年；多个用；分隔)', width: 44 },
  { key: 'relativesUnits', header: '亲属任职单位', width: 26 },
  { key: 'advisedUnits', header: '顾问或持股单位', width: 26 },
  { key: 'available', header: '是否可用(是/否)', width: 12 },
  { key: 'maxLoad', header: '每届最大评审量', width: 12 },
] as const;

export type PoolColumnKey = (typeof POOL_COLUMNS)[number]['key'];
export type PoolRowCells = Record<PoolColumnKey, string>;

export interface PoolCellError {
  /** The column's header as the template shows it. */
  column: string;
  message: string;
}

export interface PoolRowOptions {
  currentYear: number;
  /** The profile's county directory; when given, 所在县区 must be one of them. */
  counties?: readonly string[];
}

/** Rows whose 姓名 starts with this are the template's examples and are not imported. */
export const EXAMPLE_PREFIX = '示例';
export const ONGOING = '至今';

const headerOf = (key: PoolColumnKey): string => POOL_COLUMNS.find((c) => c.key === key)!.header;

/** Headers compare after NFKC and without spaces, so full-width brackets and commas match too. */
export const headerKey = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

const splitList = (text: string, separators: RegExp): string[] =>
  text
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const UNIT_SEPARATORS = /[、;；\n]+/;
const CODE_SEPARATORS = /[、,，;；\s]+/;
const STINT_SEPARATORS = /[;；\n]+/;

/** "38", "c", "1" (Excel dropped the leading zero) → "38", "C", "01". */
function industryCode(text: string): string {
  const code = text.normalize('NFKC').trim().toUpperCase();
  return /^\d$/.test(code) ? `0${code}` : code;
}

const STINT = /^(.+)[:：]\s*(\d{4})\s*(?:年)?\s*[-－–—~～至到]\s*(\d{4}|至今|今)?\s*(?:年)?$/;

function parseStints(text: string): { stints: FormerEmployer[]; errors: string[] } {
  const stints: FormerEmployer[] = [];
  const errors: string[] = [];
  splitList(text, STINT_SEPARATORS).forEach((entry, i) => {
    // Full-width digits are folded; the unit's own spelling is kept.
    const m = STINT.exec(entry.replace(/[０-９]/g, (d) => d.normalize('NFKC')));
    if (!m) {
      errors.push(`第 ${i + 1} 项“${entry}”应写作“单位:起始年-结束年”，仍在任写“单位:起始年-${ONGOING}”`);
      return;
    }
    const to = m[3] === undefined || m[3] === '至今' || m[3] === '今' ? null : Number(m[3]);
    stints.push({ unit: m[1].trim(), fromYear: Number(m[2]), toYear: to });
  });
  return { stints, errors };
}

function parseAvailable(text: string): boolean | undefined {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '可用'].includes(t)) return true;
  if (['否', 'n', 'no', 'false', '不可用'].includes(t)) return false;
  return undefined;
}

function parseInteger(text: string): number | undefined {
  const t = text.normalize('NFKC').trim();
  return /^-?\d+$/.test(t) ? Number(t) : t === '' ? undefined : Number.NaN;
}

/** A zod issue's path → the column and a prefix naming the entry within it. */
function issueToError(issue: z.core.$ZodIssue): PoolCellError {
  const [field, index] = issue.path as [PoolColumnKey, number | undefined];
  let prefix = '';
  if (typeof index === 'number') {
    if (field === 'industries') prefix = `第 ${index + 1} 个代码：`;
    else if (field === 'formerEmployers') prefix = `第 ${index + 1} 项：`;
    else prefix = `第 ${index + 1} 个单位：`;
  }
  return { column: headerOf(field), message: `${prefix}${issue.message}` };
}

export function isBlankRow(cells: PoolRowCells): boolean {
  return POOL_COLUMNS.every((c) => cells[c.key].trim() === '');
}

export function isExampleRow(cells: PoolRowCells): boolean {
  return cells.name.trim().startsWith(EXAMPLE_PREFIX);
}

/** Same person twice in one file: same name and (normalised) unit. */
export function duplicateKey(cells: PoolRowCells): string | null {
  const name = cells.name.normalize('NFKC').replace(/\s+/g, '');
  const unit = normaliseUnitName(cells.unit);
  return name && unit ? `${name}\u001f${unit}` : null;
}

const schemaByYear = new Map<number, ReturnType<typeof expertInputSchemaAt>>();
const schemaAt = (year: number) => schemaByYear.get(year) ?? schemaByYear.set(year, expertInputSchemaAt(year)).get(year)!;

export function parsePoolRow(cells: PoolRowCells, { currentYear, counties }: PoolRowOptions): { expert?: ExpertInput; errors: PoolCellError[] } {
  const errors: PoolCellError[] = [];
  const fail = (key: PoolColumnKey, message: string) => errors.push({ column: headerOf(key), message });
  const text = (key: PoolColumnKey) => cells[key].trim();

  const stints = parseStints(cells.formerEmployers);
  stints.errors.forEach((m) => fail('formerEmployers', m));
  const available = parseAvailable(cells.available);
  if (available === undefined) fail('available', '请填写“是”或“否”');
  const county = text('countyName');
  if (county && counties && !counties.includes(county)) fail('countyName', `“${county}”不在县区目录中，请按“${counties.slice(0, 3).join('、')}”等名称填写`);

  const candidate = {
    name: text('name'),
    unit: text('unit'),
    title: text('title'),
    industries: splitList(cells.industries, CODE_SEPARATORS).map(industryCode),
    countyName: county || null,
    phone: text('phone').normalize('NFKC').replace(/\s+/g, ''),
    email: text('email') || undefined,
    formerEmployers: stints.stints,
    relativesUnits: splitList(cells.relativesUnits, UNIT_SEPARATORS),
    advisedUnits: splitList(cells.advisedUnits, UNIT_SEPARATORS),
    available: available ?? false,
    maxLoad: parseInteger(cells.maxLoad),
  };
  const parsed = schemaAt(currentYear).safeParse(candidate);
  const formatFailed = new Set(errors.map((e) => e.column));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const e = issueToError(issue);
      if (!formatFailed.has(e.column)) errors.push(e);
    }
  }
  if (errors.length === 0 && parsed.success) return { expert: parsed.data, errors };
  // In the sheet's column order, as the person reads the row.
  const order = (e: PoolCellError) => POOL_COLUMNS.findIndex((c) => c.header === e.column);
  return { errors: errors.map((e, i) => ({ e, i })).sort((a, b) => order(a.e) - order(b.e) || a.i - b.i).map(({ e }) => e) };
}

function formatStint(s: FormerEmployer): string {
  return `${s.unit}:${s.fromYear}-${s.toYear ?? ONGOING}`;
}

/** The row an expert is exported as; parsePoolRow reads it back to the same expert. */
export function formatPoolRow(expert: ExpertInput): PoolRowCells {
  return {
    name: expert.name,
    unit: expert.unit,
    title: expert.title,
    industries: expert.industries.join('、'),
    countyName: expert.countyName ?? '',
    phone: expert.phone,
    email: expert.email ?? '',
    formerEmployers: expert.formerEmployers.map(formatStint).join('；'),
    relativesUnits: expert.relativesUnits.join('、'),
    advisedUnits: expert.advisedUnits.join('、'),
    available: expert.available ? '是' : '否',
    maxLoad: String(expert.maxLoad),
  };
}
