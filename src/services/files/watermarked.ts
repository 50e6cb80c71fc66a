import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { FileView } from '../../contract/files.js';
import { users } from '../../db/schema/index.js';
import { formatDisplayTime } from '../../domain/display-time.js';
import { hasRole } from '../../domain/roles.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { watermarkPdf, WatermarkRefusedError } from '../reports/watermark.js';

/**
 * Art. 24: a PDF an expert downloads carries the expert's name and the time, visibly, on every
 * page, so a leaked copy names its source. A PDF that cannot be marked (encrypted, damaged) is
 * not handed out unmarked: the expert asks the agency. Everyone else gets the stored bytes.
 */
export async function markForReader(ctx: ServiceContext, file: FileView, stream: Readable): Promise<{ body: Readable | Buffer; size: number }> {
  if (!hasRole(ctx.actor, 'expert') || file.mimeType !== 'application/pdf') return { body: stream, size: file.size };
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const [reader] = await ctx.db.select({ name: users.displayName }).from(users).where(eq(users.id, ctx.actor!.userId));
  const text = `评审专家 ${reader?.name ?? ''} ${formatDisplayTime(ctx.now())} 仅供评审使用 不得外传`;
  try {
    const marked = Buffer.from(await watermarkPdf(Buffer.concat(chunks), text));
    return { body: marked, size: marked.length };
  } catch (error) {
    if (error instanceof WatermarkRefusedError) throw new ServiceError('watermark_refused', '该文件无法加盖评审水印（已加密或已损坏），不能下载；请联系第三方评价机构');
    throw error;
  }
}
