import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { answers, noContent } from '../../contract/common.js';
import { fileDownload, fileList, fileReadList, fileView, uploadQuery } from '../../contract/files.js';
import { uuidParam } from '../../contract/primitives.js';
import { findHostileText } from '../../contract/text.js';
import { invalid, ServiceError } from '../../services/errors.js';
import { markForReader } from '../../services/files/watermarked.js';
import { listFileReads } from '../../services/files/reads.js';
import { deleteApplicationFile, fileTooLarge, listApplicationFiles, openFileForRead, uploadApplicationFile } from '../../services/files/files.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { gateUploads } from '../upload-gate.js';

/**
 * Application files: streamed upload, list, download (logged), withdraw. Multipart is
 * registered only in this scope, so no other route accepts multipart bodies.
 */
export function registerFileRoutes(app: ZodApp, deps: AppDeps): void {
  const tags = ['files'];
  const { fileBytes } = deps.config.limits;

  app.register(async (parent) => {
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, {
      // One byte over the limit, so the parser's cut-off never hides an exactly-at-limit file;
      // the store itself stops at the limit and reports it.
      limits: { fileSize: fileBytes + 1, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 20 },
    });
    gateUploads(scope, deps.config.http.bodyIdleMs);

    scope.post(
      '/api/applications/:id/files',
      { schema: { tags, summary: '上传申报材料（multipart，字段 file）', params: uuidParam, querystring: uploadQuery, response: answers({ 201: fileView }) } },
      async (request, reply) => {
        let part: MultipartFile | undefined;
        try {
          part = await request.file();
          if (!part || part.fieldname !== 'file') throw new ServiceError('file_required', '请选择要上传的文件');
          refuseHostileParts(part);
          const uploaded = part;
          const file = await uploadApplicationFile(serviceContext(deps, request), {
            applicationId: request.params.id,
            purpose: request.query.purpose,
            itemCode: request.query.itemCode ?? null,
            filename: uploaded.filename,
            stream: uploaded.file,
            truncated: () => uploaded.file.truncated,
          });
          return reply.status(201).send(file);
        } catch (error) {
          abandonBody(request, reply, part);
          throw multipartError(error, fileBytes);
        }
      },
    );

    scope.get(
      '/api/applications/:id/files',
      { schema: { tags, summary: '申报材料列表', params: uuidParam, response: answers({ 200: fileList }) } },
      (request) => listApplicationFiles(serviceContext(deps, request), request.params.id),
    );

    scope.get(
      '/api/applications/:id/file-reads',
      { schema: { tags, summary: '材料查阅记录（强市办、审计管理员）', params: uuidParam, response: answers({ 200: fileReadList }) } },
      (request) => listFileReads(serviceContext(deps, request), request.params.id),
    );

    // No automatic HEAD route: it would log a read without sending the file.
    scope.get('/api/files/:id', { exposeHeadRoute: false, schema: { tags, summary: '下载文件（记录查阅）', params: uuidParam, response: answers({ 200: fileDownload }) } }, async (request, reply) => {
      const context = serviceContext(deps, request);
      const { file, stream } = await openFileForRead(context, request.params.id);
      const { body, size } = await markForReader(context, file, stream);
      return reply
        .header('content-type', file.mimeType)
        .header('content-length', size)
        .header('content-disposition', contentDisposition(file.originalName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(body);
    });

    scope.delete('/api/files/:id', { schema: { tags, summary: '删除申报材料', params: uuidParam, response: answers({ 204: noContent }) } }, async (request, reply) => {
      await deleteApplicationFile(serviceContext(deps, request), request.params.id);
      return reply.status(204).send();
    });
  });
}

/** The hostile-text rule of every other route (http/hostile-text.ts), for what multipart carries. */
export function refuseHostileParts(part: MultipartFile): void {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v && v.type === 'field') fields[name] = v.value;
  }
  const findings = [...findHostileText(fields, 'fields'), ...findHostileText({ file: { filename: part.filename } })];
  if (findings.length) throw invalid(findings);
}

/** How much of a refused upload we still read and discard so the client can receive our answer. */
const DRAIN_LIMIT_BYTES = 128 * 1024 * 1024;
const DRAIN_LIMIT_MS = 30_000;

/**
 * A refusal can come before the body is read to its end. Closing the socket on unread data
 * makes the kernel send a reset, which can destroy our 413/415 before the client reads it.
 * So the rest is read and discarded ("lingering close", as nginx does), up to a bound past
 * which the connection is cut: an abusive client cannot make us read without end.
 */
export function abandonBody(request: FastifyRequest, _reply: unknown, part: MultipartFile | undefined): void {
  const raw = request.raw;
  if (raw.readableEnded) return;
  part?.file.resume();
  let drained = 0;
  const cut = () => raw.socket?.destroy();
  const timer = setTimeout(cut, DRAIN_LIMIT_MS);
  timer.unref();
  raw.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) cut();
  });
  raw.once('end', () => clearTimeout(timer));
  raw.once('close', () => clearTimeout(timer));
  raw.resume();
}

/** The multipart plugin's own errors, as the stable codes and Chinese messages users read. */
export function multipartError(error: unknown, fileBytes: number): unknown {
  const code = (error as { code?: unknown })?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge(fileBytes);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ServiceError('unsupported_media_type', '请以 multipart/form-data 格式上传文件');
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ServiceError('too_many_parts', '每次只能上传一个文件');
    case 'FST_PROTO_VIOLATION':
      return new ServiceError('invalid_request', '上传内容的字段名无效');
    case 'FST_INVALID_JSON_FIELD_ERROR':
    case 'FST_MP_PREMATURE_CLOSE':
      return new ServiceError('invalid_request', '上传内容不完整或格式有误');
    default:
      // busboy's own parse errors carry no code ("Multipart: Boundary not found", "Unexpected end of multipart data").
      return error instanceof Error && !(error instanceof ServiceError) && MALFORMED_MULTIPART.test(error.message)
        ? new ServiceError('invalid_request', '上传内容不完整或格式有误')
        : error;
  }
}

const MALFORMED_MULTIPART = /^Multipart: |unexpected end of multipart data|^Malformed /i;

/**
 * RFC 6266: a plain ASCII `filename` for old clients and the exact UTF-8 name in
 * `filename*`, so 申报书.pdf arrives as 申报书.pdf.
 */
export function contentDisposition(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const base = dot > 0 ? name.slice(0, dot) : name;
  const asciiBase = base.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const fallback = /[A-Za-z0-9]/.test(asciiBase) ? asciiBase + ext : `file${ext}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
