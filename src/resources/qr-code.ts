import { toString as renderQrCode } from 'qrcode';

/** `text` as a QR code in SVG, with the quiet zone scanners need around it. */
export function qrCodeSvg(text: string): Promise<string> {
  return renderQrCode(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
