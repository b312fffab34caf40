/**
 * `text` as a QR code in SVG, with the quiet zone scanners need around it. The encoder is loaded
 * on the first QR sheet, not at start-up (with its PNG code, about 50 ms of every start).
 */
export function qrCodeSvg(text: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { toString: renderQrCode } = require('qrcode') as typeof import('qrcode');
  return renderQrCode(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
