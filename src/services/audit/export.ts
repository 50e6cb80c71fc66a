import { lt } from 'drizzle-orm';
import { AUDIT_EXPORT_CAP, type AuditFilter } from '../../contract/audit.js';
import { auditLog } from '../../db/schema/index.js';
import { auditActionLabel, auditEntityLabel } from '../../domain/audit/labels.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { formatDisplayTime } from '../../domain/display-time.js';
import { auditPolicy } from '../../domain/policies/audit.js';
import type { ServiceContext } from '../context.js';
import { ensure } from '../errors.js';
import { workbook } from '../exports.js';
import { auditConditions, selectAudit } from './read.js';

/** Records are read in pages of this size, so one export never holds a huge result set twice. */
const PAGE = 1_000;

/** Excel holds at most 32,767 characters in a cell. */
const CELL_MAX = 32_000;
const json = (value: unknown) => {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX)}…（已截断）` : text;
};

/**
 * The filtered trail as an Excel sheet, newest first, capped at AUDIT_EXPORT_CAP records
 * (the sheet says so in its last row when the cap cut it).
 */
export async function exportAudit(ctx: ServiceContext, filter: AuditFilter): Promise<{ filename: string; content: Buffer; rows: number }> {
  ensure(auditPolicy.read(ctx.actor, null));
  const conditions = await auditConditions(ctx.db, filter);
  const rows: Array<Record<string, unknown>> = [];
  let beforeSeq: number | undefined;
  let truncated = false;
  for (;;) {
    const page = await selectAudit(ctx.db, beforeSeq ? [...conditions, lt(auditLog.seq, beforeSeq)] : conditions, PAGE);
    for (const r of page) {
      if (rows.length === AUDIT_EXPORT_CAP) {
        truncated = true;
        break;
      }
      rows.push({
        seq: r.seq,
        at: formatDisplayTime(r.at),
        actor: r.actorId ? (r.actorName ?? '（已删除的账号）') : '系统',
        username: r.actorUsername ?? '',
        action: auditActionLabel(r.action),
        code: r.action,
        entityType: auditEntityLabel(r.entityType),
        entityName: r.entityName ?? '',
        entityId: r.entityId,
        before: json(r.before),
        after: json(r.after),
        requestId: r.requestId ?? '',
      });
    }
    if (truncated || page.length < PAGE) break;
    beforeSeq = page[page.length - 1].seq;
  }
  const count = rows.length;
  if (truncated) rows.push({ seq: '', at: `仅导出最新的 ${AUDIT_EXPORT_CAP} 条记录，请缩小筛选范围后分批导出` });
  const content = await workbook(
    '审计日志',
    [
      { header: '序号', key: 'seq', width: 8 },
      { header: '时间', key: 'at', width: 20 },
      { header: '操作人', key: 'actor', width: 14 },
      { header: '用户名', key: 'username', width: 14 },
      { header: '操作', key: 'action', width: 22 },
      { header: '操作代码', key: 'code', width: 20 },
      { header: '对象类型', key: 'entityType', width: 12 },
      { header: '对象', key: 'entityName', width: 28 },
      { header: '对象编号', key: 'entityId', width: 38 },
      { header: '变更前', key: 'before', width: 40 },
      { header: '变更后', key: 'after', width: 40 },
      { header: '请求号', key: 'requestId', width: 38 },
    ],
    rows,
  );
  return { filename: `审计日志-${shanghaiToday(ctx.now())}.xlsx`, content, rows: count };
}
