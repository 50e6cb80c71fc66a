import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';

/**
 * A QR code drawn as vector squares (no raster image, so it stays sharp when printed). Error
 * correction M survives a worn or creased paper; the quiet zone of four modules is kept white.
 */
export function drawQrCode(page: PDFPage, text: string, at: { x: number; y: number }, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size + 8;
  const cell = size / count;
  page.drawRectangle({ x: at.x, y: at.y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (!modules.get(row, col)) continue;
      // Rows run downwards in the symbol, upwards in PDF space; a hair of overlap avoids seams.
      page.drawRectangle({ x: at.x + (col + 4) * cell, y: at.y + size - (row + 5) * cell, width: cell + 0.05, height: cell + 0.05, color: rgb(0, 0, 0) });
    }
  }
}
