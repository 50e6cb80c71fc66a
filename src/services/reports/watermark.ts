import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedCjkFont } from './cjk-font.js';

/**
 * A visible watermark on every page of a PDF an expert downloads (Confidentiality: the expert's
 * name and the time), e.g. "评审专家 张三 2026-12-01 14:30 仅供评审使用": one large diagonal,
 * semi-transparent line across the page and a small line at its foot, in the embedded Chinese font.
 * A PDF it cannot stamp is refused with WatermarkRefusedError, so the caller can decide what to do
 * instead (e.g. refuse the download) rather than hand out an unmarked copy by accident.
 */
export type WatermarkRefusal = 'encrypted' | 'unparsable' | 'empty_text';

const REFUSAL_MESSAGES: Record<WatermarkRefusal, string> = {
  encrypted: '该 PDF 已加密，无法加盖水印',
  unparsable: '该文件不是可解析的 PDF，无法加盖水印',
  empty_text: '水印文字不能为空',
};

export class WatermarkRefusedError extends Error {
  constructor(
    readonly reason: WatermarkRefusal,
    options?: { cause?: unknown },
  ) {
    super(REFUSAL_MESSAGES[reason], options);
    this.name = 'WatermarkRefusedError';
  }
}

const WATERMARK_GREY = rgb(0.55, 0.55, 0.55);

async function loadForStamping(bytes: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    // Loaded even when encrypted, so that an encrypted file is told apart by the flag below
    // (pdf-lib's EncryptedPDFError does not survive `instanceof`).
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch (error) {
    throw new WatermarkRefusedError('unparsable', { cause: error });
  }
  if (doc.isEncrypted) throw new WatermarkRefusedError('encrypted');
  if (doc.getPageCount() === 0) throw new WatermarkRefusedError('unparsable');
  return doc;
}

function stampPage(page: PDFPage, font: PDFFont, text: string): void {
  const box = page.getMediaBox();
  const angle = Math.atan2(box.height, box.width);
  const diagonal = Math.hypot(box.width, box.height);
  // As large as fits along 70% of the diagonal, within readable bounds.
  const size = Math.min(48, Math.max(10, (diagonal * 0.7 * 24) / Math.max(1, font.widthOfTextAtSize(text, 24))));
  const width = font.widthOfTextAtSize(text, size);
  const height = font.heightAtSize(size, { descender: false });
  // drawText rotates about the text's origin: step back half the width along the baseline and
  // half the height across it, so that the line's centre lands on the page's centre.
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  page.drawText(text, {
    x: centre.x - (width / 2) * cos + (height / 2) * sin,
    y: centre.y - (width / 2) * sin - (height / 2) * cos,
    size,
    font,
    color: WATERMARK_GREY,
    opacity: 0.22,
    rotate: degrees((angle * 180) / Math.PI),
  });
  const footSize = 7;
  const footWidth = font.widthOfTextAtSize(text, footSize);
  page.drawText(text, { x: box.x + (box.width - footWidth) / 2, y: box.y + 8, size: footSize, font, color: WATERMARK_GREY, opacity: 0.7 });
}

/** The PDF with `text` stamped on every page; throws WatermarkRefusedError when it cannot be stamped. */
export async function watermarkPdf(bytes: Uint8Array, text: string): Promise<Uint8Array> {
  const line = text.trim();
  if (!line) throw new WatermarkRefusedError('empty_text');
  const doc = await loadForStamping(bytes);
  const font = await embedCjkFont(doc);
  for (const page of doc.getPages()) stampPage(page, font, line);
  return doc.save();
}
