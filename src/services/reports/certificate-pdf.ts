import { PDFDocument, rgb } from 'pdf-lib';
import { embedCjkFont } from './cjk-font.js';
import { INK, MUTED, fitText } from './pdf-layout.js';
import { drawQrCode } from './qr-pdf.js';

/** What a certificate shows (Art. 19): all of it is also what the public verification page confirms. */
export interface CertificateContent {
  awardLabel: string;
  editionName: string;
  winnerName: string;
  serial: string;
  /** ISO date. */
  issuedOn: string;
  issuingBody: string;
  /** Absolute URL of the public verification page; the QR code carries it. */
  verifyUrl: string;
}

const LANDSCAPE = { width: 841.89, height: 595.28 } as const;
const GOLD = rgb(0.72, 0.53, 0.16);
const RED = rgb(0.66, 0.09, 0.09);

/** 2026-12-01 → 2026年12月1日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The certificate as a one-page landscape A4 PDF, Chinese text in the embedded subset font. */
export async function renderCertificatePdf(content: CertificateContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${content.awardLabel}证书 ${content.serial}`);
  doc.setAuthor(content.issuingBody);
  doc.setCreationDate(new Date(`${content.issuedOn}T00:00:00+08:00`));
  const font = await embedCjkFont(doc);
  const page = doc.addPage([LANDSCAPE.width, LANDSCAPE.height]);
  const { width, height } = LANDSCAPE;

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: GOLD, borderWidth: 3 });
  page.drawRectangle({ x: 34, y: 34, width: width - 68, height: height - 68, borderColor: GOLD, borderWidth: 0.8 });

  const centred = (text: string, y: number, size: number, color = INK) => {
    const shown = fitText(font, text, size, width - 140);
    page.drawText(shown, { x: (width - font.widthOfTextAtSize(shown, size)) / 2, y, size, font, color });
  };
  centred('荣 誉 证 书', height - 120, 40, RED);
  centred(content.winnerName, height - 210, 26);
  centred(`荣获${content.editionName}`, height - 262, 18);
  centred(content.awardLabel, height - 306, 30, RED);
  centred('特发此证，以资鼓励。', height - 352, 14, MUTED);

  const left = 90;
  page.drawText(`证书编号：${content.serial}`, { x: left, y: 120, size: 11, font, color: INK });
  page.drawText(`颁发日期：${chineseDate(content.issuedOn)}`, { x: left, y: 100, size: 11, font, color: INK });
  page.drawText(`颁发单位：${content.issuingBody}`, { x: left, y: 80, size: 11, font, color: INK });

  const qrSize = 110;
  const qrAt = { x: width - 90 - qrSize, y: 70 };
  drawQrCode(page, content.verifyUrl, qrAt, qrSize);
  const hint = '扫码核验证书真伪';
  page.drawText(hint, { x: qrAt.x + (qrSize - font.widthOfTextAtSize(hint, 9)) / 2, y: qrAt.y - 14, size: 9, font, color: MUTED });

  return doc.save();
}
