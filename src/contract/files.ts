import { z } from 'zod';
import { binary, isoDateTime } from './common.js';

/** Application files: upload (multipart), list, download, withdraw. */
/** prize_usage: a winner's receipts for its report on the prize money (Art. 21), after the award. */
export const FILE_PURPOSES = ['evidence', 'self_evaluation', 'department_evidence', 'prize_usage'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const uploadQuery = z.object({
  purpose: z.enum(FILE_PURPOSES, { message: '请指定文件用途（evidence、self_evaluation 或 department_evidence）' }),
  itemCode: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,40}$/, { message: '条款编号格式不正确' })
    .optional(),
});

export const fileView = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  purpose: z.enum(FILE_PURPOSES),
  itemCode: z.string().nullable(),
  originalName: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  sha256: z.string(),
  uploadedBy: z.uuid().nullable(),
  createdAt: isoDateTime,
  abilities: z.object({ download: z.boolean(), delete: z.boolean() }),
});
export type FileView = z.infer<typeof fileView>;
export const fileList = z.object({ items: z.array(fileView) });
export type FileList = z.infer<typeof fileList>;

/** The download sends the stored bytes under the file's own type. */
export const fileDownload = binary('application/octet-stream', '文件内容（Content-Type 为文件本身的类型）');

/** Who read which of an application's files, and when (Art. 24: trade secrets are accounted for). */
export const fileReadList = z.object({
  items: z.array(z.object({ fileId: z.uuid().nullable(), fileName: z.string(), reader: z.string(), readerRoles: z.array(z.string()), at: z.string() })),
});
export type FileReadList = z.infer<typeof fileReadList>;
