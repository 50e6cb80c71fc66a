import { asc, eq } from 'drizzle-orm';
import type { PoolImportResult } from '../../contract/technical.js';
import { experts, organisations } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { normaliseUnitName } from '../../domain/experts/unit-name.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { invalid } from '../errors.js';
import { parsePoolWorkbook, poolExportWorkbook, poolTemplateWorkbook } from '../experts/pool-sheet.js';
import { requireAgency } from './actors.js';
import { saveExpert } from './pool.js';

/**
 * The pool's spreadsheet round trip: the template, the import (nothing from a file with errors
 * unless the agency asks for the valid rows alone), the export in the same columns.
 */

async function countyNames(ctx: ServiceContext): Promise<string[]> {
  const rows = await ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.kind, 'county')).orderBy(asc(organisations.name));
  return rows.map((r) => r.name);
}

export async function poolTemplate(ctx: ServiceContext): Promise<Buffer> {
  requireAgency(ctx);
  return poolTemplateWorkbook({ counties: await countyNames(ctx) });
}

export async function exportPool(ctx: ServiceContext): Promise<Buffer> {
  const agencyId = requireAgency(ctx);
  const rows = await ctx.db.select().from(experts).where(eq(experts.agencyId, agencyId)).orderBy(asc(experts.name));
  return poolExportWorkbook(rows.map((r) => ({ ...r, email: r.email ?? undefined })));
}

/**
 * Imports the pool. A row exported by the system (with its id) updates that expert; a row whose
 * name and unit match an expert already in the pool updates it; any other row adds one.
 * `validOnly`: take the valid rows and report the others; otherwise a single error refuses all.
 */
export async function importPool(ctx: ServiceContext, file: Buffer, validOnly: boolean): Promise<PoolImportResult> {
  const agencyId = requireAgency(ctx);
  const parsed = await parsePoolWorkbook(file, { currentYear: Number(shanghaiToday(ctx.now()).slice(0, 4)), counties: await countyNames(ctx) });
  if (parsed.fileErrors.length) throw invalid(parsed.fileErrors.map((message) => ({ field: 'file', message })), parsed.fileErrors[0]);
  const bad = parsed.rows.filter((r) => r.errors.length > 0);
  if (bad.length && !validOnly) {
    throw invalid(
      bad.flatMap((r) => r.errors.map((e) => ({ field: `第${r.row}行·${e.column}`, message: e.message }))),
      `文件中有 ${bad.length} 行存在错误，未导入任何数据；请修改后重新导入，或选择只导入正确的行`,
    );
  }
  const good = parsed.rows.filter((r) => r.errors.length === 0 && r.expert);
  if (good.length === 0) throw invalid([{ field: 'file', message: '文件中没有可以导入的专家' }], '文件中没有可以导入的专家');
  let imported = 0;
  let updated = 0;
  await inTransaction(ctx, async (tctx) => {
    const existing = await tctx.tx.select({ id: experts.id, name: experts.name, unit: experts.unit }).from(experts).where(eq(experts.agencyId, agencyId));
    const byId = new Set(existing.map((e) => e.id));
    const byNameUnit = new Map(existing.map((e) => [`${e.name}\u001f${normaliseUnitName(e.unit)}`, e.id]));
    for (const row of good) {
      const match = row.id && byId.has(row.id) ? row.id : byNameUnit.get(`${row.expert!.name}\u001f${normaliseUnitName(row.expert!.unit)}`);
      const id = await saveExpert(tctx, agencyId, row.expert!, match);
      if (match) updated++;
      else {
        imported++;
        byNameUnit.set(`${row.expert!.name}\u001f${normaliseUnitName(row.expert!.unit)}`, id);
      }
    }
    await recordAudit(tctx, { action: 'expert.import', entityType: 'organisation', entityId: agencyId, after: { imported, updated, skippedRows: bad.map((r) => r.row) } });
  });
  return { imported, updated, rows: bad.map((r) => ({ row: r.row, name: null, errors: r.errors })), fileErrors: [] };
}

export const poolSheetFilename = (kind: 'template' | 'export') => (kind === 'template' ? '专家库导入模板.xlsx' : '专家库.xlsx');
