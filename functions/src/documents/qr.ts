import qrcode from 'qrcode-generator';

/** The light border a reader needs around a QR code, in modules (ISO/IEC 18004: 4). */
export const QR_QUIET_ZONE_MODULES = 4;

/**
 * Draws `text` as a QR code (error correction M, the smallest version that holds it) of `size` points
 * square, top-left corner at (`x`, `y`) in PDF points, as vector squares (each row's run of dark modules
 * one rectangle): sharp at any print resolution, no image. The caller keeps QR_QUIET_ZONE_MODULES
 * of blank page around it; returns the module size in points. Throws when `text` is too long for a QR code (~2,300 bytes at level M).
 */
export function drawQrCode(document: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): number {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const count = code.getModuleCount();
  const module = size / count;
  document.save();
  for (let row = 0; row < count; row += 1) {
    let column = 0;
    while (column < count) {
      if (!code.isDark(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < count && code.isDark(row, column)) column += 1;
      document.rect(x + start * module, y + row * module, (column - start) * module, module);
    }
  }
  document.fillColor('#000000').fill();
  document.restore();
  return module;
}
