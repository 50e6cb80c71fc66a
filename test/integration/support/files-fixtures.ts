import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { applications, editions, ruleProfiles } from '../../../src/db/schema/index.js';
import type { Db } from '../../../src/db/connection.js';
import type { AppDeps, ZodApp } from '../../../src/http/deps.js';
import { registerFileRoutes } from '../../../src/http/routes/files.js';
import type { Session, TestApp } from './app.js';

/**
 * Registers the file routes unless app.ts already does (once the lead wires them in).
 * Must run before the app's first request.
 */
export async function ensureFileRoutes(app: ZodApp, deps: AppDeps): Promise<void> {
  await app.after();
  if (!app.hasRoute({ method: 'GET', url: '/api/files/:id' })) registerFileRoutes(app, deps);
}

export const depsOf = (t: TestApp): AppDeps => ({ database: t.database, config: t.config, now: t.clock.now });

/** An edition row inserted directly: file tests do not exercise the edition workflow. */
export async function createEdition(db: Db): Promise<string> {
  const [profile] = await db.select({ id: ruleProfiles.id }).from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
  const [row] = await db
    .insert(editions)
    // The deadline is far ahead: a victim server (files-victim.ts) runs on the real clock, not the tests' pinned one.
    .values({ profileId: profile.id, number: 100 + Math.floor(Math.random() * 800), year: 2026, name: '文件测试届', status: 'open', opensOn: '2026-12-01', schedule: { applicationDeadline: '2099-12-31' } })
    .returning({ id: editions.id });
  return row.id;
}

export async function createApplication(
  db: Db,
  values: { editionId: string; applicantUserId: string; countyId?: string | null; state?: ApplicationState },
): Promise<string> {
  const [row] = await db
    .insert(applications)
    .values({
      editionId: values.editionId,
      kind: 'unit',
      applicantUserId: values.applicantUserId,
      countyId: values.countyId ?? null,
      identityCode: `91371300${randomBytes(5).toString('hex').toUpperCase()}`,
      name: '测试申报单位',
      state: values.state ?? 'draft',
    })
    .returning({ id: applications.id });
  return row.id;
}

/** A multipart/form-data body as a browser sends it (UTF-8 file name). */
export function multipartBody(filename: string, content: Buffer, options: { field?: string; contentType?: string } = {}) {
  const boundary = `----files-test-${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${filename}"\r\n` +
      `Content-Type: ${options.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    'utf8',
  );
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(
  t: TestApp,
  session: Session,
  applicationId: string,
  file: { name: string; content: Buffer; purpose?: string; itemCode?: string; contentType?: string },
): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipartBody(file.name, file.content, { contentType: file.contentType });
  const query = new URLSearchParams({ purpose: file.purpose ?? 'evidence', ...(file.itemCode ? { itemCode: file.itemCode } : {}) });
  return t.app.inject({
    method: 'POST',
    url: `/api/applications/${applicationId}/files?${query}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType },
    payload: body,
  });
}

// ---- Minimal files of each accepted type -------------------------------------------------

export function pdfBytes(padding = 0): Buffer {
  const body = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), Buffer.alloc(padding, 0x20), Buffer.from('\n')]);
  return Buffer.concat([body, pdfTrailer(body.length)]);
}

/**
 * A cross-reference table, trailer and `startxref` for a body of `xrefOffset` bytes (the
 * server refuses PDFs without them as truncated). The offset is zero-padded to a fixed width
 * so the length of a PDF grows exactly with its padding.
 */
export function pdfTrailer(xrefOffset: number): Buffer {
  return Buffer.from(
    `xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n${String(xrefOffset).padStart(10, '0')}\n%%EOF\n`,
  );
}

export const pngBytes = () =>
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1a3c40000000049454e44ae426082', 'hex');

export const jpegBytes = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A small, valid zip (deflated entries) written by hand: enough for any zip reader. */
export function zipBytes(entries: Record<string, string>, comment = ''): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const commentBytes = Buffer.from(comment, 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(commentBytes.length, 20);
  return Buffer.concat([...locals, cd, end, commentBytes]);
}

export const docxBytes = () =>
  zipBytes(
    {
      '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      '_rels/.rels': '<?xml version="1.0"?><Relationships/>',
      'word/document.xml': '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>自评报告</w:t></w:r></w:p></w:body></w:document>',
    },
    'written by the files test',
  );

// ---- What is on disk ----------------------------------------------------------------------

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Temp files and content files (by sha256) under <dataDir>/files. */
export function filesOnDisk(dataDir: string): { temps: string[]; content: string[] } {
  const root = path.join(dataDir, 'files');
  const all = walk(root);
  return {
    temps: all.filter((f) => f.startsWith(path.join(root, 'tmp') + path.sep)),
    content: all.filter((f) => !f.startsWith(path.join(root, 'tmp') + path.sep)).map((f) => path.basename(f)),
  };
}
