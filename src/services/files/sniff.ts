import fs from 'node:fs/promises';

/**
 * File types are decided by content, never by the client's file name or Content-Type:
 * both are chosen by the uploader and prove nothing.
 */
export const MIME = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type AcceptedMime = (typeof MIME)[keyof typeof MIME];

/** How many leading bytes `sniffHead` needs. */
export const HEAD_BYTES = 8;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Classifies the first bytes. A ZIP only says "some Office container or any zip":
 * the caller must then look inside with `sniffZipFile`.
 */
export function sniffHead(head: Buffer): AcceptedMime | 'zip' | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return MIME.pdf;
  if (head.subarray(0, 8).equals(PNG_SIGNATURE)) return MIME.png;
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return MIME.jpeg;
  if (head.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) return 'zip';
  return null;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** An Office document has tens of parts; a directory beyond this is not one we accept. */
const MAX_ENTRIES = 10_000;
const MAX_CENTRAL_BYTES = 8 * 1024 * 1024;

/**
 * Reads the zip's central directory (the authoritative list of entries, at the end of the
 * file) and decides DOCX or XLSX by the main part Office writes. Any other zip, or one
 * whose directory does not parse, is refused (null): we never guess.
 */
export async function sniffZipFile(filePath: string): Promise<AcceptedMime | null> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    if (size < EOCD_MIN) return null;
    const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT + 20);
    const tail = await readAt(handle, size - tailLength, tailLength);
    // Scan backwards: the end record sits before an optional comment of unknown length.
    let eocd = -1;
    for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG && i + EOCD_MIN + tail.readUInt16LE(i + 20) === tail.length) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    let entries = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      // ZIP64: the real values live in the zip64 end record named by the locator just before.
      const locator = eocd - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIG) return null;
      const recordOffset = Number(tail.readBigUInt64LE(locator + 8));
      if (recordOffset + 56 > size) return null;
      const record = await readAt(handle, recordOffset, 56);
      if (record.readUInt32LE(0) !== ZIP64_EOCD_SIG) return null;
      entries = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }
    if (entries === 0 || entries > MAX_ENTRIES || cdSize > MAX_CENTRAL_BYTES || cdOffset + cdSize > size) return null;
    const names = parseCentralDirectory(await readAt(handle, cdOffset, cdSize), entries);
    if (!names || !names.has('[Content_Types].xml')) return null;
    const isDocx = names.has('word/document.xml');
    const isXlsx = names.has('xl/workbook.xml');
    if (isDocx === isXlsx) return null; // neither, or an ambiguous hybrid
    return isDocx ? MIME.docx : MIME.xlsx;
  } finally {
    await handle.close();
  }
}

function parseCentralDirectory(cd: Buffer, entries: number): Set<string> | null {
  const names = new Set<string>();
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG) return null;
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const end = p + 46 + nameLength;
    if (end > cd.length) return null;
    names.add(cd.subarray(p + 46, end).toString('utf8'));
    p = end + extraLength + commentLength;
  }
  return names;
}

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** PDF 1.7 §7.5.5: the end-of-file marker sits within the last 1024 bytes. */
const PDF_TAIL_BYTES = 1024;
const STARTXREF = /startxref\s+(\d{1,12})\s+%%EOF/g;
/** At the offset: a classic table ("xref") or a cross-reference stream ("12 0 obj"). */
const XREF_AT = /^\s*(xref|\d+\s+\d+\s+obj)\b/;

/**
 * Checks a PDF's skeleton without parsing it: the last `startxref <offset> %%EOF` in the
 * tail, and a cross-reference section (table or stream) at that offset. A truncated upload
 * loses this tail, and bytes that only start with "%PDF-" do not have it. Two small reads
 * whatever the size: a full parse (pdf-lib) would hold a 50 MB file and its object graph
 * in memory and block the event loop, for no better answer to "is this file complete?".
 */
export async function looksLikeCompletePdf(filePath: string): Promise<boolean> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, PDF_TAIL_BYTES);
    const tail = (await readAt(handle, size - tailLength, tailLength)).toString('latin1');
    const last = [...tail.matchAll(STARTXREF)].pop();
    if (!last) return false;
    const offset = Number(last[1]);
    if (offset < HEAD_BYTES || offset >= size) return false;
    return XREF_AT.test((await readAt(handle, offset, 64)).toString('latin1'));
  } finally {
    await handle.close();
  }
}

/** Sniffs a complete file on disk: the head first, then the PDF tail or the zip directory. */
export async function sniffFile(filePath: string, head: Buffer): Promise<AcceptedMime | null> {
  const kind = sniffHead(head);
  if (kind === MIME.pdf) return (await looksLikeCompletePdf(filePath)) ? kind : null;
  if (kind !== 'zip') return kind;
  return sniffZipFile(filePath);
}
